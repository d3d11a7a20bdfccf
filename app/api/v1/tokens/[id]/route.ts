import { json } from '@/lib/http/respond';
import { route } from '@/lib/http/route';
import { deleteTokenOp, getTokenOp, updateTokenOp } from '@/lib/tokens/operations';
import { deleteToken, getToken, updateToken } from '@/lib/tokens/service';
import { notAllowed } from '@/lib/http/method-not-allowed';

export const GET = route(getTokenOp, ({ actor, params }) => getToken(actor, params.id));
export const PATCH = route(updateTokenOp, ({ actor, params, body }) => updateToken(actor, params.id, body));
export const DELETE = route(deleteTokenOp, async ({ actor, params }) => {
  await deleteToken(actor, params.id);
  return json(null, 204);
});

export const { POST, PUT } = notAllowed('GET', 'PATCH', 'DELETE');
