import { entitlementUsageOp } from '@/lib/entitlements/operations';
import { entitlementUsage } from '@/lib/entitlements/usage';
import { endpoints, route } from '@/lib/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(entitlementUsageOp, ({ actor, params, query }) => entitlementUsage(actor, params.org, params.id, query)),
);
