import { route } from '@/lib/http/route';
import { createTokenOp, listTokensOp } from '@/lib/tokens/operations';
import { createToken, listTokens } from '@/lib/tokens/service';
import { notAllowed } from '@/lib/http/method-not-allowed';

export const GET = route(listTokensOp, ({ actor, query }) => listTokens(actor, query));
export const POST = route(createTokenOp, ({ actor, body }) => createToken(actor, body));

export const { PUT, PATCH, DELETE } = notAllowed('GET', 'POST');
