import { endpoints, route } from '@/lib/http/route';
import { createInvitationOp, listInvitationsOp } from '@/lib/invitations/operations';
import { createInvitation, listInvitations } from '@/lib/invitations/service';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(listInvitationsOp, ({ actor, params, query }) => listInvitations(actor, params.org, query)),
  route(createInvitationOp, ({ actor, params, body }) => createInvitation(actor, params.org, body)),
);
