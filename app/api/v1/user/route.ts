import { currentUserOp } from '@/lib/accounts/operations';
import { currentUser } from '@/lib/accounts/service';
import { route } from '@/lib/http/route';
import { notAllowed } from '@/lib/http/method-not-allowed';

export const GET = route(currentUserOp, ({ actor }) => currentUser(actor));

export const { POST, PUT, PATCH, DELETE } = notAllowed('GET');
