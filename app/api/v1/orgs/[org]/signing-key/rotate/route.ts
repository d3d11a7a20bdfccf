import { route } from '@/lib/http/route';
import { notAllowed } from '@/lib/http/method-not-allowed';
import { rotateSigningKeyOp } from '@/lib/signed-urls/operations';
import { rotateSigningKey } from '@/lib/signed-urls/service';

export const POST = route(rotateSigningKeyOp, ({ actor, params }) => rotateSigningKey(actor, params.org));

export const { GET, PUT, PATCH, DELETE } = notAllowed('POST');
