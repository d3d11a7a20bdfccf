import { endpoints, route } from '@/lib/http/route';
import { rotateSigningKeyOp } from '@/lib/signed-urls/operations';
import { rotateSigningKey } from '@/lib/signed-urls/service';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(rotateSigningKeyOp, ({ actor, params }) => rotateSigningKey(actor, params.org)),
);
