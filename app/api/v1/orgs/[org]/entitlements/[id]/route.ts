import { deleteEntitlementOp, getEntitlementOp, updateEntitlementOp } from '@/lib/entitlements/operations';
import { deleteEntitlement, getEntitlement, updateEntitlement } from '@/lib/entitlements/service';
import { endpoints, route } from '@/lib/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(getEntitlementOp, ({ actor, params }) => getEntitlement(actor, params.org, params.id)),
  route(updateEntitlementOp, ({ actor, params, body }) => updateEntitlement(actor, params.org, params.id, body)),
  route(deleteEntitlementOp, ({ actor, params }) => deleteEntitlement(actor, params.org, params.id)),
);
