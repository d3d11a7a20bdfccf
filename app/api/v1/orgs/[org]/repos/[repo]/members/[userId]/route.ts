import { json } from '@/lib/http/respond';
import { route } from '@/lib/http/route';
import { removeRepoRoleOp, setRepoRoleOp } from '@/lib/repos/operations';
import { removeRepoRole, setRepoRole } from '@/lib/repos/service';
import { notAllowed } from '@/lib/http/method-not-allowed';

export const PUT = route(setRepoRoleOp, ({ actor, params, body }) => setRepoRole(actor, params.org, params.repo, params.userId, body));
export const DELETE = route(removeRepoRoleOp, async ({ actor, params }) => {
  await removeRepoRole(actor, params.org, params.repo, params.userId);
  return json(null, 204);
});

export const { GET, POST, PATCH } = notAllowed('PUT', 'DELETE');
