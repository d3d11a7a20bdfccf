import { currentUserOp } from '@/lib/accounts/operations';
import { currentUser } from '@/lib/accounts/service';
import { route } from '@/lib/http/route';

export const GET = route(currentUserOp, ({ actor }) => currentUser(actor));
