import { endpoints, route } from '@/lib/http/route';
import { lookupInvitationOp } from '@/lib/invitations/operations';
import { lookupInvitation } from '@/lib/invitations/service';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(lookupInvitationOp, ({ params }) => lookupInvitation(params.secret)),
);
