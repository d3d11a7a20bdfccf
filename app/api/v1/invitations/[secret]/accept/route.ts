import { endpoints, route } from '@/lib/http/route';
import { withSession } from '@/lib/http/session-response';
import { acceptInvitationOp } from '@/lib/invitations/operations';
import { acceptInvitation } from '@/lib/invitations/service';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(acceptInvitationOp, async ({ actor, params, body, meta }) => {
    const { session, user, org } = await acceptInvitation(actor, params.secret, body, meta);
    return withSession({ user: { id: user.id, email: user.email, name: user.name }, org }, 200, session);
  }),
);
