import { revokeEntitlementOp } from '@/lib/entitlements/operations';
import { revokeEntitlement } from '@/lib/entitlements/service';
import { notAllowed } from '@/lib/http/method-not-allowed';
import { route } from '@/lib/http/route';

export const POST = route(revokeEntitlementOp, ({ actor, params }) => revokeEntitlement(actor, params.org, params.id));

export const { GET, PUT, PATCH, DELETE } = notAllowed('POST');
