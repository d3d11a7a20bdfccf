import { currentUserOp } from '@/lib/accounts/operations';
import { currentUser } from '@/lib/accounts/service';
import { endpoints, route } from '@/lib/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(currentUserOp, ({ actor }) => currentUser(actor)),
);
