import { route } from '@/lib/http/route';
import { notAllowed } from '@/lib/http/method-not-allowed';
import { getSigningKeyOp } from '@/lib/signed-urls/operations';
import { getSigningKey } from '@/lib/signed-urls/service';

export const GET = route(getSigningKeyOp, ({ actor, params }) => getSigningKey(actor, params.org));

export const { POST, PUT, PATCH, DELETE } = notAllowed('GET');
