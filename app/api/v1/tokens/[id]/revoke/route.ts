import { route } from '@/lib/http/route';
import { revokeTokenOp } from '@/lib/tokens/operations';
import { revokeToken } from '@/lib/tokens/service';

export const POST = route(revokeTokenOp, ({ actor, params }) => revokeToken(actor, params.id));
