// The download lookup for the configured database: a read-only better-sqlite3
// connection (WAL lets it read while Prisma writes) or a small pg pool.
import Database from 'better-sqlite3';
import pg from 'pg';
import { env } from '@/lib/env';
import { statements, toRepoFile, toSigningKey, toToken } from './sql';
import type { DownloadLookup } from './types';

export type { DownloadLookup, RepoFileRow, SigningKeyRow, TokenRow } from './types';

function sqliteLookup(file: string): DownloadLookup {
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 10_000 });
  const sql = statements('sqlite');
  const repo = db.prepare(sql.repository);
  const token = db.prepare(sql.token);
  const signingKey = db.prepare(sql.signingKey);
  return {
    async repository(org, name, path) {
      return toRepoFile(repo.get(path, org, name) as Record<string, unknown> | undefined);
    },
    async token(hash, repoId) {
      return toToken(token.get(repoId, repoId, repoId, hash) as Record<string, unknown> | undefined);
    },
    async signingKey(orgId, userId) {
      return toSigningKey(signingKey.get(userId, orgId) as Record<string, unknown> | undefined);
    },
  };
}

function postgresLookup(url: string): DownloadLookup {
  // Prisma stores UTC in `timestamp(3)` columns: read them as UTC whatever
  // the server's time zone.
  const types = { getTypeParser: (oid: number, format?: string) => (oid === 1114 ? (v: string) => new Date(`${v.replace(' ', 'T')}Z`) : pg.types.getTypeParser(oid, format as 'text')) };
  const pool = new pg.Pool({ connectionString: url, max: 8, types: types as never });
  // An idle connection that the server drops (a restart, a failover) must not
  // take the process down with an unhandled 'error'; the next query reconnects.
  pool.on('error', (err) => console.error(`[tollgate] download lookup: database connection lost (${err.message}); reconnecting on the next request`));
  const sql = statements('postgresql');
  return {
    async repository(org, name, path) {
      const r = await pool.query({ name: 'tg_download_repo', text: sql.repository, values: [path, org, name] });
      return toRepoFile(r.rows[0]);
    },
    async token(hash, repoId) {
      const r = await pool.query({ name: 'tg_download_token', text: sql.token, values: [repoId, hash] });
      return toToken(r.rows[0]);
    },
    async signingKey(orgId, userId) {
      const r = await pool.query({ name: 'tg_download_signing_key', text: sql.signingKey, values: [userId, orgId] });
      return toSigningKey(r.rows[0]);
    },
  };
}

const g = globalThis as unknown as { tollgateDownloadLookup?: DownloadLookup };

export function downloadLookup(): DownloadLookup {
  if (!g.tollgateDownloadLookup) {
    const { database } = env();
    g.tollgateDownloadLookup = database.provider === 'sqlite' ? sqliteLookup(database.file) : postgresLookup(database.url);
  }
  return g.tollgateDownloadLookup;
}
