import { endpoints, route } from '@/lib/http/route';
import { changeMemberRoleOp, removeMemberOp } from '@/lib/orgs/operations';
import { changeMemberRole, removeMember } from '@/lib/orgs/service';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(changeMemberRoleOp, ({ actor, params, body }) => changeMemberRole(actor, params.org, params.userId, body)),
  route(removeMemberOp, ({ actor, params }) => removeMember(actor, params.org, params.userId)),
);
