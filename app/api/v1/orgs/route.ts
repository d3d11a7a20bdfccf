import { route } from '@/lib/http/route';
import { createOrgOp } from '@/lib/orgs/operations';
import { createOrg } from '@/lib/orgs/service';

export const POST = route(createOrgOp, ({ actor, body }) => createOrg(actor, body));
