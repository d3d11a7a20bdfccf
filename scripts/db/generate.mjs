// Generates one Prisma client per provider from prisma/schema.prisma, offline.
// Runs on `npm ci` (postinstall) and by `npm run db:generate`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, SOURCE, PROVIDERS, writeDerived, offlineEnv } from './schemas.mjs';

const cli = path.join(ROOT, 'node_modules', 'prisma', 'build', 'index.js');
const scratch = path.join(ROOT, 'lib', 'db', 'generated', 'schemas');
const text = fs.readFileSync(SOURCE, 'utf8');

for (const provider of PROVIDERS) {
  const schema = writeDerived(text, provider, scratch);
  execFileSync(process.execPath, [cli, 'generate', '--schema', schema], {
    cwd: ROOT,
    env: offlineEnv(),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  console.log(`generated the ${provider} client`);
}
