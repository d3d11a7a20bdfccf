import { route } from '@/lib/http/route';
import { lookupInvitationOp } from '@/lib/invitations/operations';
import { lookupInvitation } from '@/lib/invitations/service';

export const GET = route(lookupInvitationOp, ({ params }) => lookupInvitation(params.secret));
