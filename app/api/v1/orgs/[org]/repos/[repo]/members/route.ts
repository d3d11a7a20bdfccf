import { endpoints, route } from '@/lib/http/route';
import { listRepoMembersOp } from '@/lib/repos/operations';
import { listRepoMembers } from '@/lib/repos/service';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(listRepoMembersOp, ({ actor, params, query }) => listRepoMembers(actor, params.org, params.repo, query)),
);
