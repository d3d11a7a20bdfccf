import { route } from '@/lib/http/route';
import { lookupInvitationOp } from '@/lib/invitations/operations';
import { lookupInvitation } from '@/lib/invitations/service';
import { notAllowed } from '@/lib/http/method-not-allowed';

export const GET = route(lookupInvitationOp, ({ params }) => lookupInvitation(params.secret));

export const { POST, PUT, PATCH, DELETE } = notAllowed('GET');
