import { signupOp } from '@/lib/accounts/operations';
import { signup } from '@/lib/accounts/service';
import { route } from '@/lib/http/route';
import { withSession } from '@/lib/http/session-response';
import { notAllowed } from '@/lib/http/method-not-allowed';

export const POST = route(signupOp, async ({ body, meta }) => {
  const { session, ...result } = await signup(body, meta);
  return withSession(result, 201, session);
});

export const { GET, PUT, PATCH, DELETE } = notAllowed('POST');
