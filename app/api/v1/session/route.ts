import { signInOp, signOutOp } from '@/lib/accounts/operations';
import { signIn } from '@/lib/accounts/service';
import { endSession } from '@/lib/auth/session';
import { route } from '@/lib/http/route';
import { clearingSession, withSession } from '@/lib/http/session-response';
import { notAllowed } from '@/lib/http/method-not-allowed';

export const POST = route(signInOp, async ({ body, meta }) => {
  const { session, user } = await signIn(body, meta);
  return withSession({ user }, 200, session);
});

export const DELETE = route(signOutOp, async ({ actor }) => {
  if (actor.credential.type === 'session' && actor.credential.id) await endSession(actor.credential.id);
  return clearingSession();
});

export const { GET, PUT, PATCH } = notAllowed('POST', 'DELETE');
