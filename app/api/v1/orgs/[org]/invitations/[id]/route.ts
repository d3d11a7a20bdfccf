import { json } from '@/lib/http/respond';
import { route } from '@/lib/http/route';
import { revokeInvitationOp } from '@/lib/invitations/operations';
import { revokeInvitation } from '@/lib/invitations/service';
import { notAllowed } from '@/lib/http/method-not-allowed';

export const DELETE = route(revokeInvitationOp, async ({ actor, params }) => {
  await revokeInvitation(actor, params.org, params.id);
  return json(null, 204);
});

export const { GET, POST, PUT, PATCH } = notAllowed('DELETE');
