// Writes batches of download events straight on the driver: one prepared
// INSERT in a transaction on SQLite, one INSERT … SELECT FROM unnest(…) on
// PostgreSQL. Through Prisma a 500-row createMany costs tens of milliseconds
// of main-thread CPU, which at thousands of downloads a second took most of
// the download path's throughput.
//
// An event may outlive what it names: the repository or entitlement can be
// deleted between the download and the write. Such an event is kept with that
// reference empty (as ON DELETE SET NULL would have left it), and one whose
// organization is gone is dropped (as ON DELETE CASCADE would have), so one
// stale event never blocks a batch — a foreign-key error would otherwise fail
// it again at every retry.
import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Env } from '@/lib/env';
import type { DownloadEventInput } from './download-log';

const COLUMNS = ['id', 'at', 'orgId', 'repositoryId', 'path', 'bytes', 'credentialType', 'credentialId', 'userId', 'entitlementId', 'clientAddress', 'userAgent'] as const;
const TYPES = ['text', 'timestamp(3)', 'text', 'text', 'text', 'bigint', 'text', 'text', 'text', 'text', 'text', 'text'];

function row(e: DownloadEventInput, at: string): unknown[] {
  return [crypto.randomUUID(), at, e.orgId, e.repositoryId, e.path.slice(0, 1024), e.bytes, e.credentialType, e.credentialId, e.userId, e.entitlementId, e.clientAddress, e.userAgent.slice(0, 500)];
}

const quoted = COLUMNS.map((c) => `"${c}"`).join(', ');

export function createDownloadWriter(database: Env['database']): (batch: DownloadEventInput[]) => Promise<void> {
  if (database.provider === 'sqlite') {
    const sqlite = new Database(database.file, { timeout: 10_000 });
    const values = COLUMNS.map((c) =>
      c === 'repositoryId' ? `(SELECT "id" FROM "Repository" WHERE "id" = @repositoryId)`
      : c === 'entitlementId' ? `(SELECT "id" FROM "EntitlementToken" WHERE "id" = @entitlementId)`
      : `@${c}`,
    );
    const insert = sqlite.prepare(
      `INSERT INTO "DownloadEvent" (${quoted}) SELECT ${values.join(', ')} WHERE EXISTS (SELECT 1 FROM "Organization" WHERE "id" = @orgId)`,
    );
    // The same text form Prisma stores, so dates compare and sort as text.
    const many = sqlite.transaction((batch: DownloadEventInput[]) => {
      for (const e of batch) {
        const r = row(e, e.at.toISOString().replace('Z', '+00:00'));
        insert.run(Object.fromEntries(COLUMNS.map((c, i) => [c, r[i]])));
      }
    });
    return async (batch) => void many(batch);
  }
  const pool = new pg.Pool({ connectionString: database.url, max: 1 });
  // An idle connection that the server drops (a restart, a failover) must not
  // take the process down with an unhandled 'error'; the next write reconnects.
  pool.on('error', (err) => console.error(`[tollgate] download log: database connection lost (${err.message}); reconnecting on the next write`));
  const picked = COLUMNS.map((c) =>
    c === 'repositoryId' ? `(SELECT r."id" FROM "Repository" r WHERE r."id" = u."repositoryId")`
    : c === 'entitlementId' ? `(SELECT e."id" FROM "EntitlementToken" e WHERE e."id" = u."entitlementId")`
    : `u."${c}"`,
  );
  const text = `INSERT INTO "DownloadEvent" (${quoted}) SELECT ${picked.join(', ')}
    FROM unnest(${TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ')}) AS u(${quoted})
    WHERE EXISTS (SELECT 1 FROM "Organization" o WHERE o."id" = u."orgId")`;
  return async (batch) => {
    // timestamp(3) holds UTC wall time: send it without a zone.
    const rows = batch.map((e) => row(e, e.at.toISOString().slice(0, 23)));
    await pool.query({ name: 'tg_download_events', text, values: COLUMNS.map((_, i) => rows.map((r) => r[i])) });
  };
}
