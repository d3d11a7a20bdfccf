import { healthOp } from '@/lib/accounts/operations';
import { db } from '@/lib/db/client';
import { route } from '@/lib/http/route';

export const GET = route(healthOp, async () => {
  await db().$queryRawUnsafe('SELECT 1');
  return { status: 'ok' };
});
