import { json } from '@/lib/http/respond';
import { route } from '@/lib/http/route';
import { changeMemberRoleOp, removeMemberOp } from '@/lib/orgs/operations';
import { changeMemberRole, removeMember } from '@/lib/orgs/service';
import { notAllowed } from '@/lib/http/method-not-allowed';

export const PATCH = route(changeMemberRoleOp, ({ actor, params, body }) => changeMemberRole(actor, params.org, params.userId, body));
export const DELETE = route(removeMemberOp, async ({ actor, params }) => {
  await removeMember(actor, params.org, params.userId);
  return json(null, 204);
});

export const { GET, POST, PUT } = notAllowed('PATCH', 'DELETE');
