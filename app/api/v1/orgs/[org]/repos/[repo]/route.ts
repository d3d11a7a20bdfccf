import { json } from '@/lib/http/respond';
import { route } from '@/lib/http/route';
import { deleteRepoOp, getRepoOp, updateRepoOp } from '@/lib/repos/operations';
import { deleteRepo, getRepo, updateRepo } from '@/lib/repos/service';
import { notAllowed } from '@/lib/http/method-not-allowed';

export const GET = route(getRepoOp, ({ actor, params }) => getRepo(actor, params.org, params.repo));
export const PATCH = route(updateRepoOp, ({ actor, params, body }) => updateRepo(actor, params.org, params.repo, body));
export const DELETE = route(deleteRepoOp, async ({ actor, params }) => {
  await deleteRepo(actor, params.org, params.repo);
  return json(null, 204);
});

export const { POST, PUT } = notAllowed('GET', 'PATCH', 'DELETE');
