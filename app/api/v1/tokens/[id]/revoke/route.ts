import { endpoints, route } from '@/lib/http/route';
import { revokeTokenOp } from '@/lib/tokens/operations';
import { revokeToken } from '@/lib/tokens/service';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(revokeTokenOp, ({ actor, params }) => revokeToken(actor, params.id)),
);
