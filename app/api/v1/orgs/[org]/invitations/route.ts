import { route } from '@/lib/http/route';
import { createInvitationOp, listInvitationsOp } from '@/lib/invitations/operations';
import { createInvitation, listInvitations } from '@/lib/invitations/service';
import { notAllowed } from '@/lib/http/method-not-allowed';

export const GET = route(listInvitationsOp, ({ actor, params, query }) => listInvitations(actor, params.org, query));
export const POST = route(createInvitationOp, ({ actor, params, body }) => createInvitation(actor, params.org, body));

export const { PUT, PATCH, DELETE } = notAllowed('GET', 'POST');
