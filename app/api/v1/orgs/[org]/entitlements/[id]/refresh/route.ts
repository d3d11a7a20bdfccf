import { refreshEntitlementOp } from '@/lib/entitlements/operations';
import { refreshEntitlement } from '@/lib/entitlements/service';
import { endpoints, route } from '@/lib/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(refreshEntitlementOp, ({ actor, params }) => refreshEntitlement(actor, params.org, params.id)),
);
