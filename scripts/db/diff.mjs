// SQL for the difference between two versions of prisma/schema.prisma, for one
// provider, computed offline by Prisma 6's WebAssembly schema engine (installed
// as the dev dependency `prisma6`; Prisma 7 only ships the native engine, which
// cannot be downloaded here). No database is contacted.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, writeDerived, offlineEnv } from './schemas.mjs';

const cli = path.join(ROOT, 'node_modules', 'prisma6', 'build', 'index.js');

const CONFIG = `
import { defineConfig } from 'prisma6/config';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  // Never opened: migrate diff between two schemas contacts no database.
  adapter: async () => new PrismaBetterSqlite3({ url: ':memory:' }) as any,
});
`;

/**
 * @param {string | null} fromText schema source before (null: empty database)
 * @param {string} toText schema source after
 * @param {'sqlite' | 'postgresql'} provider
 * @returns {string} SQL script ('' when nothing changes)
 */
export function diffSql(fromText, toText, provider) {
  // Inside the project so the config can resolve its imports from node_modules.
  const dir = (fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true }), fs.mkdtempSync(path.join(ROOT, '.tmp', 'diff-')));
  try {
    const config = path.join(dir, 'prisma.config.ts');
    fs.writeFileSync(config, CONFIG);
    const to = writeDerived(toText, provider, path.join(dir, 'to'), { withUrl: true });
    const from = fromText === null
      ? ['--from-empty']
      : ['--from-schema-datamodel', writeDerived(fromText, provider, path.join(dir, 'from'), { withUrl: true })];
    const out = execFileSync(process.execPath, [cli, 'migrate', 'diff', '--config', config, ...from, '--to-schema-datamodel', to, '--script'], {
      cwd: ROOT,
      env: offlineEnv(),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return /^\s*(--[^\n]*\n?\s*)*$/.test(out) ? '' : out.trim() + '\n';
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
