import { endpoints, route } from '@/lib/http/route';
import { removeRepoRoleOp, setRepoRoleOp } from '@/lib/repos/operations';
import { removeRepoRole, setRepoRole } from '@/lib/repos/service';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(setRepoRoleOp, ({ actor, params, body }) => setRepoRole(actor, params.org, params.repo, params.userId, body)),
  route(removeRepoRoleOp, ({ actor, params }) => removeRepoRole(actor, params.org, params.repo, params.userId)),
);
