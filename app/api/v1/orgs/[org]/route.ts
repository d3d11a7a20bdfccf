import { route } from '@/lib/http/route';
import { getOrgOp, updateOrgOp } from '@/lib/orgs/operations';
import { getOrg, updateOrg } from '@/lib/orgs/service';

export const GET = route(getOrgOp, ({ actor, params }) => getOrg(actor, params.org));
export const PATCH = route(updateOrgOp, ({ actor, params, body }) => updateOrg(actor, params.org, body));
