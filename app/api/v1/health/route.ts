import { healthOp } from '@/lib/accounts/operations';
import { db } from '@/lib/db/client';
import { endpoints, route } from '@/lib/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(healthOp, async () => {
    await db().$queryRawUnsafe('SELECT 1');
    return { status: 'ok' };
  }),
);
