// Derives the per-provider Prisma schemas from the one source of truth,
// prisma/schema.prisma (written for SQLite). Only the datasource provider, an
// optional url (Prisma 6's diff tool wants one) and the client output change.
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const SOURCE = path.join(ROOT, 'prisma', 'schema.prisma');
export const PROVIDERS = ['sqlite', 'postgresql'];

const DUMMY_URL = { sqlite: 'file:./unused.db', postgresql: 'postgresql://unused@localhost/unused' };

/** The schema text for one provider, derived from `text` (the SQLite source). */
export function deriveSchema(text, provider, { withUrl = false } = {}) {
  const datasource = /datasource\s+db\s*\{[^}]*\}/m;
  if (!datasource.test(text)) throw new Error('schema.prisma has no `datasource db` block');
  const url = withUrl ? `\n  url      = "${DUMMY_URL[provider]}"` : '';
  let out = text.replace(datasource, `datasource db {\n  provider = "${provider}"${url}\n}`);
  out = out.replace(/output\s*=\s*"\.\.\/lib\/db\/generated\/sqlite"/, `output   = "${path.join(ROOT, 'lib', 'db', 'generated', provider)}"`);
  return out;
}

/** Writes the derived schema into a scratch directory and returns its path. */
export function writeDerived(text, provider, dir, opts) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${provider}.prisma`);
  fs.writeFileSync(file, deriveSchema(text, provider, opts));
  return file;
}

/**
 * Environment that keeps the Prisma CLIs offline. They try to download native
 * engines they do not need for `generate` / `migrate diff` unless told that one
 * exists already; any existing file satisfies the check and is never executed
 * by these commands.
 */
export function offlineEnv() {
  return {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
    PRISMA_QUERY_ENGINE_LIBRARY: process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  };
}
