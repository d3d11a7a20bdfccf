import { createEntitlementOp, listEntitlementsOp } from '@/lib/entitlements/operations';
import { createEntitlement, listEntitlements } from '@/lib/entitlements/service';
import { endpoints, route } from '@/lib/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(listEntitlementsOp, ({ actor, params, query }) => listEntitlements(actor, params.org, query)),
  route(createEntitlementOp, ({ actor, params, body }) => createEntitlement(actor, params.org, body)),
);
