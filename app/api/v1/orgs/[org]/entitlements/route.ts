import { createEntitlementOp, listEntitlementsOp } from '@/lib/entitlements/operations';
import { createEntitlement, listEntitlements } from '@/lib/entitlements/service';
import { notAllowed } from '@/lib/http/method-not-allowed';
import { route } from '@/lib/http/route';

export const GET = route(listEntitlementsOp, ({ actor, params, query }) => listEntitlements(actor, params.org, query));
export const POST = route(createEntitlementOp, ({ actor, params, body }) => createEntitlement(actor, params.org, body));

export const { PUT, PATCH, DELETE } = notAllowed('GET', 'POST');
