// `npm run db:seed`: a demo organization to try Tollgate with. Creates
// demo@example.com (password printed once), the org "demo" and one
// repository of each format. Does nothing when the demo user exists.
import crypto from 'node:crypto';
import { loadUserAccess } from '@/lib/auth/access';
import type { Actor } from '@/lib/auth/actor';
import { signup } from '@/lib/accounts/service';
import { db } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { env } from '@/lib/env';
import { createRepo } from '@/lib/repos/service';

async function main() {
  await migrate(env().database);
  if (await db().user.findUnique({ where: { email: 'demo@example.com' } })) {
    console.log('The demo user exists already: nothing to do.');
    return;
  }
  const password = crypto.randomBytes(12).toString('base64url');
  const meta = { address: '127.0.0.1', userAgent: 'db:seed', requestId: crypto.randomUUID() };
  const { user, org } = await signup({ email: 'demo@example.com', name: 'Demo Admin', password, orgName: 'Demo', orgSlug: 'demo' }, meta);
  const actor: Actor = {
    principal: { kind: 'user', user: await loadUserAccess(db(), user.id) },
    user,
    credential: { type: 'session', id: null },
    meta,
  };
  for (const [name, format, visibility] of [
    ['files', 'raw', 'private'],
    ['python', 'pypi', 'private'],
    ['js', 'npm', 'private'],
    ['channel', 'conda', 'distribution'],
  ] as const) {
    await createRepo(actor, org.slug, { name, format, visibility, description: `Demo ${format} repository` });
  }
  console.log(`Seeded org "${org.slug}" with 4 repositories. Sign in as demo@example.com with password: ${password}`);
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
