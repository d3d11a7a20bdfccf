// The download lookup for the configured database: a read-only better-sqlite3
// connection (WAL lets it read while Prisma writes) or a small pg pool.
import Database from 'better-sqlite3';
import pg from 'pg';
import { env } from '@/lib/env';
import { statements, toEntitlement, toRepoFile, toToken } from './sql';
import type { DownloadLookup, EntitlementCounters } from './types';

export type { DownloadLookup, EntitlementCounters, EntitlementRow, RepoFileRow, TokenRow } from './types';

function sqliteLookup(file: string): DownloadLookup {
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 10_000 });
  const sql = statements('sqlite');
  const repo = db.prepare(sql.repository);
  const token = db.prepare(sql.token);
  const entitlement = db.prepare(sql.entitlement);
  return {
    async repository(org, name, path) {
      return toRepoFile(repo.get(path, org, name) as Record<string, unknown> | undefined);
    },
    async token(hash, repoId) {
      return toToken(token.get(repoId, repoId, repoId, hash) as Record<string, unknown> | undefined);
    },
    async entitlement(hash, repoId) {
      return toEntitlement(entitlement.get(repoId, hash) as Record<string, unknown> | undefined);
    },
    counters: sqliteCounters(file),
  };
}

/**
 * The counters on their own writable connection, opened at the first write
 * (a server whose entitlements have no limits never opens it). better-sqlite3
 * runs each statement to completion before the next, and SQLite serializes
 * writers across connections, so each conditional UPDATE sees the latest count.
 */
function sqliteCounters(file: string): EntitlementCounters {
  const sql = statements('sqlite');
  type St = { db: Database.Database; knownClient: Database.Statement; consume: Database.Statement; uncountClient: Database.Statement; insertClient: Database.Statement; deleteClient: Database.Statement; countClient: Database.Statement; counters: Database.Statement };
  let s: St | null = null;
  const st = (): St => {
    if (!s) {
      // No busy wait inside SQLite (timeout 0): better-sqlite3 would block the event loop, and so
      // a Prisma transaction of this very process that holds the write lock across awaits could
      // never finish. A busy database is retried below, asynchronously.
      const db = new Database(file, { fileMustExist: true, timeout: 0 });
      // WAL with NORMAL: a commit is not fsynced (checkpoints are), so a counter update costs
      // microseconds; a power cut may lose the last increments, never corrupt the database.
      db.pragma('synchronous = NORMAL');
      s = {
        db,
        knownClient: db.prepare(sql.knownClient),
        consume: db.prepare(sql.consume),
        uncountClient: db.prepare(sql.uncountClient),
        insertClient: db.prepare(sql.insertClient),
        deleteClient: db.prepare(sql.deleteClient),
        countClient: db.prepare(sql.countClient),
        counters: db.prepare(sql.counters),
      };
    }
    return s;
  };
  /** Runs `fn` (synchronous statements, so nothing of this process runs in between), retrying for up to 10 s while another connection writes. */
  async function write<T>(fn: (x: St) => T): Promise<T> {
    const deadline = Date.now() + 10_000;
    for (let wait = 1; ; wait = Math.min(wait * 2, 4)) {
      try {
        return fn(st());
      } catch (err) {
        const code = (err as { code?: string }).code;
        if ((code !== 'SQLITE_BUSY' && code !== 'SQLITE_BUSY_SNAPSHOT') || Date.now() > deadline) throw err;
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
  // Prisma's SQLite adapter writes DateTime as ISO 8601 with +00:00.
  const now = () => new Date().toISOString().replace('Z', '+00:00');
  return {
    consume(id, bytes) {
      return write((x) => x.consume.run(bytes, id, bytes).changes === 1);
    },
    admitClient(id, address) {
      return write((x) => {
        if (x.knownClient.get(id, address)) return 'known' as const;
        // One immediate transaction: the insert and the count commit together or not at all.
        return x.db.transaction(() => {
          if (x.insertClient.run(id, address, now()).changes === 0) return 'known' as const;
          if (x.countClient.run(id).changes === 1) return 'new' as const;
          x.deleteClient.run(id, address);
          return 'refused' as const;
        }).immediate();
      });
    },
    releaseClient(id, address) {
      return write((x) => {
        x.db.transaction(() => {
          if (x.deleteClient.run(id, address).changes === 1) x.uncountClient.run(id);
        }).immediate();
      });
    },
    async read(id) {
      const row = st().counters.get(id) as { downloadCount: number; bytesCount: number } | undefined;
      return row ? { downloadCount: Number(row.downloadCount), bytesCount: Number(row.bytesCount) } : null;
    },
  };
}

/**
 * PostgreSQL: each UPDATE takes the row lock; a concurrent one waits, then
 * re-checks its WHERE against the committed row (READ COMMITTED), so the
 * conditional UPDATE is exact without an explicit transaction.
 */
function postgresCounters(pool: pg.Pool): EntitlementCounters {
  const sql = statements('postgresql');
  // `timestamp(3)` without time zone holding UTC, as Prisma writes it.
  const now = () => new Date().toISOString().replace('Z', '');
  return {
    async consume(id, bytes) {
      const r = await pool.query({ name: 'tg_ent_consume', text: sql.consume, values: [bytes, id, bytes] });
      return r.rowCount === 1;
    },
    async admitClient(id, address) {
      // A known client costs one read. A new one is admitted under the token row's lock, so two
      // first requests from one address, or new addresses racing for the last slot, stay exact.
      const known = await pool.query({ name: 'tg_ent_client_known', text: sql.knownClient, values: [id, address] });
      if (known.rowCount) return 'known';
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const locked = await client.query({ name: 'tg_ent_client_lock', text: sql.lockClients, values: [id] });
        const row = locked.rows[0] as { clientCount: unknown; maxClients: unknown } | undefined;
        let outcome: 'known' | 'new' | 'refused' = 'refused';
        if (row) {
          const inserted = await client.query({ name: 'tg_ent_client_insert', text: sql.insertClient, values: [id, address, now()] });
          if (inserted.rowCount === 0) outcome = 'known';
          else if (row.maxClients === null || Number(row.clientCount) < Number(row.maxClients)) {
            await client.query({ name: 'tg_ent_client_count', text: sql.countClient, values: [id] });
            outcome = 'new';
          }
        }
        await client.query(outcome === 'refused' ? 'ROLLBACK' : 'COMMIT');
        return outcome;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async releaseClient(id, address) {
      const deleted = await pool.query({ name: 'tg_ent_client_delete', text: sql.deleteClient, values: [id, address] });
      if (deleted.rowCount === 1) await pool.query({ name: 'tg_ent_client_uncount', text: sql.uncountClient, values: [id] });
    },
    async read(id) {
      const r = await pool.query({ name: 'tg_ent_counters', text: sql.counters, values: [id] });
      const row = r.rows[0] as { downloadCount: unknown; bytesCount: unknown } | undefined;
      return row ? { downloadCount: Number(row.downloadCount), bytesCount: Number(row.bytesCount) } : null;
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
    async entitlement(hash, repoId) {
      const r = await pool.query({ name: 'tg_download_entitlement', text: sql.entitlement, values: [repoId, hash] });
      return toEntitlement(r.rows[0]);
    },
    counters: postgresCounters(pool),
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
