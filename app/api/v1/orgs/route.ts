import { route } from '@/lib/http/route';
import { createOrgOp } from '@/lib/orgs/operations';
import { createOrg } from '@/lib/orgs/service';
import { notAllowed } from '@/lib/http/method-not-allowed';

export const POST = route(createOrgOp, ({ actor, body }) => createOrg(actor, body));

export const { GET, PUT, PATCH, DELETE } = notAllowed('POST');
