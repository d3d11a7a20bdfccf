import { endpoints, route } from '@/lib/http/route';
import { getOrgOp, updateOrgOp } from '@/lib/orgs/operations';
import { getOrg, updateOrg } from '@/lib/orgs/service';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(getOrgOp, ({ actor, params }) => getOrg(actor, params.org)),
  route(updateOrgOp, ({ actor, params, body }) => updateOrg(actor, params.org, body)),
);
