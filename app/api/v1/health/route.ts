import { healthOp } from '@/lib/accounts/operations';
import { db } from '@/lib/db/client';
import { route } from '@/lib/http/route';
import { notAllowed } from '@/lib/http/method-not-allowed';

export const GET = route(healthOp, async () => {
  await db().$queryRawUnsafe('SELECT 1');
  return { status: 'ok' };
});

export const { POST, PUT, PATCH, DELETE } = notAllowed('GET');
