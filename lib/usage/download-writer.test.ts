// The event writer against real databases: a batch whose events name a
// repository (or organization) deleted since the download is still written —
// the stale reference emptied, or the event dropped with its organization —
// instead of failing on a foreign key at every retry.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrate } from '@/lib/db/migrate';
import type { DownloadEventInput } from './download-log';
import { createDownloadWriter } from './download-writer';

const event = (orgId: string, repositoryId: string, file: string): DownloadEventInput => ({
  at: new Date(), orgId, repositoryId, path: file, bytes: 10, credentialType: 'anonymous',
  credentialId: null, userId: null, entitlementId: null, clientAddress: '127.0.0.1', userAgent: 'test',
});

const SEED = [
  `INSERT INTO "Organization" ("id", "slug", "name", "updatedAt") VALUES ('o1', 'one', 'One', CURRENT_TIMESTAMP), ('o2', 'two', 'Two', CURRENT_TIMESTAMP)`,
  `INSERT INTO "Repository" ("id", "orgId", "name", "format", "visibility", "updatedAt") VALUES ('r1', 'o1', 'kept', 'raw', 'private', CURRENT_TIMESTAMP)`,
];

const batch = () => [event('o1', 'r1', 'kept.bin'), event('o1', 'r-deleted', 'gone-repo.bin'), event('o-deleted', 'r-gone-too', 'gone-org.bin'), event('o2', 'r-never', 'other.bin')];
const expected = [
  ['gone-repo.bin', 'o1', null],
  ['kept.bin', 'o1', 'r1'],
  ['other.bin', 'o2', null],
];

describe('download event writer', () => {
  it('SQLite: stale references are emptied or dropped, the rest of the batch is written', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-writer-')), 'db.sqlite');
    const database = { provider: 'sqlite' as const, url: `file:${file}`, file };
    await migrate(database);
    const sqlite = new Database(file);
    for (const sql of SEED) sqlite.exec(sql);
    await createDownloadWriter(database)(batch());
    const rows = sqlite.prepare('SELECT "path", "orgId", "repositoryId" FROM "DownloadEvent" ORDER BY "path"').all() as Record<string, unknown>[];
    expect(rows.map((r) => [r.path, r.orgId, r.repositoryId])).toEqual(expected);
    sqlite.close();
  });

  it.runIf(!!process.env.TEST_PG_URL)('PostgreSQL: the same', async () => {
    const admin = new pg.Client({ connectionString: process.env.TEST_PG_URL });
    await admin.connect();
    const name = `tg_writer_${crypto.randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(process.env.TEST_PG_URL!);
    url.pathname = `/${name}`;
    try {
      const database = { provider: 'postgresql' as const, url: url.toString() };
      await migrate(database);
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      for (const sql of SEED) await client.query(sql);
      await createDownloadWriter(database)(batch());
      const { rows } = await client.query('SELECT "path", "orgId", "repositoryId" FROM "DownloadEvent" ORDER BY "path"');
      expect(rows.map((r: Record<string, unknown>) => [r.path, r.orgId, r.repositoryId])).toEqual(expected);
      await client.end();
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
