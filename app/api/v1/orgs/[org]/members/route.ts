import { endpoints, route } from '@/lib/http/route';
import { listMembersOp } from '@/lib/orgs/operations';
import { listMembers } from '@/lib/orgs/service';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(listMembersOp, ({ actor, params, query }) => listMembers(actor, params.org, query)),
);
