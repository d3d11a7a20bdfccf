import { endpoints, route } from '@/lib/http/route';
import { createTokenOp, listTokensOp } from '@/lib/tokens/operations';
import { createToken, listTokens } from '@/lib/tokens/service';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(listTokensOp, ({ actor, query }) => listTokens(actor, query)),
  route(createTokenOp, ({ actor, body }) => createToken(actor, body)),
);
