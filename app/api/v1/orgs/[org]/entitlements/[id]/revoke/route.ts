import { revokeEntitlementOp } from '@/lib/entitlements/operations';
import { revokeEntitlement } from '@/lib/entitlements/service';
import { endpoints, route } from '@/lib/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(revokeEntitlementOp, ({ actor, params }) => revokeEntitlement(actor, params.org, params.id)),
);
