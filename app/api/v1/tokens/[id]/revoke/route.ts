import { route } from '@/lib/http/route';
import { revokeTokenOp } from '@/lib/tokens/operations';
import { revokeToken } from '@/lib/tokens/service';
import { notAllowed } from '@/lib/http/method-not-allowed';

export const POST = route(revokeTokenOp, ({ actor, params }) => revokeToken(actor, params.id));

export const { GET, PUT, PATCH, DELETE } = notAllowed('POST');
