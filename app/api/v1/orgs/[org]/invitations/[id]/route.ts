import { endpoints, route } from '@/lib/http/route';
import { revokeInvitationOp } from '@/lib/invitations/operations';
import { revokeInvitation } from '@/lib/invitations/service';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(revokeInvitationOp, ({ actor, params }) => revokeInvitation(actor, params.org, params.id)),
);
