import { signupOp } from '@/lib/accounts/operations';
import { signup } from '@/lib/accounts/service';
import { endpoints, route } from '@/lib/http/route';
import { withSession } from '@/lib/http/session-response';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(signupOp, async ({ body, meta }) => {
    const { session, ...result } = await signup(body, meta);
    return withSession(result, 201, session);
  }),
);
