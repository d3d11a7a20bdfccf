import { endpoints, route } from '@/lib/http/route';
import { deleteTokenOp, getTokenOp, updateTokenOp } from '@/lib/tokens/operations';
import { deleteToken, getToken, updateToken } from '@/lib/tokens/service';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(getTokenOp, ({ actor, params }) => getToken(actor, params.id)),
  route(updateTokenOp, ({ actor, params, body }) => updateToken(actor, params.id, body)),
  route(deleteTokenOp, ({ actor, params }) => deleteToken(actor, params.id)),
);
