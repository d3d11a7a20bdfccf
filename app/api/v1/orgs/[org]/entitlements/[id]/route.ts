import { deleteEntitlementOp, getEntitlementOp, updateEntitlementOp } from '@/lib/entitlements/operations';
import { deleteEntitlement, getEntitlement, updateEntitlement } from '@/lib/entitlements/service';
import { notAllowed } from '@/lib/http/method-not-allowed';
import { route } from '@/lib/http/route';

export const GET = route(getEntitlementOp, ({ actor, params }) => getEntitlement(actor, params.org, params.id));
export const PATCH = route(updateEntitlementOp, ({ actor, params, body }) => updateEntitlement(actor, params.org, params.id, body));
export const DELETE = route(deleteEntitlementOp, ({ actor, params }) => deleteEntitlement(actor, params.org, params.id));

export const { POST, PUT } = notAllowed('GET', 'PATCH', 'DELETE');
