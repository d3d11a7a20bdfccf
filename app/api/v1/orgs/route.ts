import { endpoints, route } from '@/lib/http/route';
import { createOrgOp } from '@/lib/orgs/operations';
import { createOrg } from '@/lib/orgs/service';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(createOrgOp, ({ actor, body }) => createOrg(actor, body)),
);
