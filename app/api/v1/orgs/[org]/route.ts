import { route } from '@/lib/http/route';
import { getOrgOp, updateOrgOp } from '@/lib/orgs/operations';
import { getOrg, updateOrg } from '@/lib/orgs/service';
import { notAllowed } from '@/lib/http/method-not-allowed';

export const GET = route(getOrgOp, ({ actor, params }) => getOrg(actor, params.org));
export const PATCH = route(updateOrgOp, ({ actor, params, body }) => updateOrg(actor, params.org, body));

export const { POST, PUT, DELETE } = notAllowed('GET', 'PATCH');
