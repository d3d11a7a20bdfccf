import { entitlementUsageOp } from '@/lib/entitlements/operations';
import { entitlementUsage } from '@/lib/entitlements/service';
import { notAllowed } from '@/lib/http/method-not-allowed';
import { route } from '@/lib/http/route';

export const GET = route(entitlementUsageOp, ({ actor, params, query }) => entitlementUsage(actor, params.org, params.id, query));

export const { POST, PUT, PATCH, DELETE } = notAllowed('GET');
