import { route } from '@/lib/http/route';
import { createTokenOp, listTokensOp } from '@/lib/tokens/operations';
import { createToken, listTokens } from '@/lib/tokens/service';

export const GET = route(listTokensOp, ({ actor, query }) => listTokens(actor, query));
export const POST = route(createTokenOp, ({ actor, body }) => createToken(actor, body));
