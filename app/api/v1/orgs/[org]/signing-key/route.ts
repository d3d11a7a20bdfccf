import { endpoints, route } from '@/lib/http/route';
import { getSigningKeyOp } from '@/lib/signed-urls/operations';
import { getSigningKey } from '@/lib/signed-urls/service';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(getSigningKeyOp, ({ actor, params }) => getSigningKey(actor, params.org)),
);
