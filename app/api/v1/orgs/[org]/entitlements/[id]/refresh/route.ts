import { refreshEntitlementOp } from '@/lib/entitlements/operations';
import { refreshEntitlement } from '@/lib/entitlements/service';
import { notAllowed } from '@/lib/http/method-not-allowed';
import { route } from '@/lib/http/route';

export const POST = route(refreshEntitlementOp, ({ actor, params }) => refreshEntitlement(actor, params.org, params.id));

export const { GET, PUT, PATCH, DELETE } = notAllowed('POST');
