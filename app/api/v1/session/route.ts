import { signInOp, signOutOp } from '@/lib/accounts/operations';
import { signIn } from '@/lib/accounts/service';
import { endSession } from '@/lib/auth/session';
import { endpoints, route } from '@/lib/http/route';
import { clearingSession, withSession } from '@/lib/http/session-response';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(signInOp, async ({ body, meta }) => {
    const { session, user } = await signIn(body, meta);
    return withSession({ user }, 200, session);
  }),
  route(signOutOp, async ({ actor }) => {
    if (actor.credential.type === 'session' && actor.credential.id) await endSession(actor.credential.id);
    return clearingSession();
  }),
);
