// Fails when prisma/schema.prisma and the committed migrations disagree:
// (1) the schema changed since the last `npm run db:migration` (the snapshot
// differs), or (2) the migrations, applied in order to an empty database,
// do not produce the database the schema describes (a migration edited by
// hand, or one missing). (2) compares the real catalogs of two databases:
// one built by the migrations, one by the schema's from-empty SQL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrationsDir, readMigrations } from '@/lib/db/migrate';
// @ts-expect-error plain ESM helper without types
import { diffSql } from './diff.mjs';

const root = path.resolve(__dirname, '..', '..');
const source = fs.readFileSync(path.join(root, 'prisma', 'schema.prisma'), 'utf8');

function sqliteCatalog(sqls: string[]) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-drift-')), 'db.sqlite');
  const db = new Database(file);
  for (const sql of sqls) db.exec(sql);
  const rows = db
    .prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name != '_tollgate_migrations' ORDER BY type, name`)
    .all() as { sql: string | null }[];
  db.close();
  // SQLite keeps the CREATE text; normalize whitespace so only meaning counts.
  return rows.map((r) => ({ ...r, sql: r.sql?.replace(/\s+/g, ' ').trim() ?? null }));
}

async function postgresCatalog(url: string, sqls: string[]) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const name = `tollgate_drift_${Math.random().toString(36).slice(2, 10)}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const c = new pg.Client({ connectionString: target.toString() });
  try {
    await c.connect();
    for (const sql of sqls) await c.query(sql);
    const columns = await c.query(`SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name`);
    const indexes = await c.query(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`);
    const constraints = await c.query(`SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY conname`);
    return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows };
  } finally {
    await c.end();
    await admin.query(`DROP DATABASE ${name}`);
    await admin.end();
  }
}

describe('schema and migrations agree', () => {
  it('the schema has not changed since the last migration (run `npm run db:migration <name>`)', () => {
    const snapshot = fs.readFileSync(path.join(root, 'prisma', 'migrations', 'schema.snapshot.prisma'), 'utf8');
    expect(source).toBe(snapshot);
  });

  it('SQLite: the migrations build the database the schema describes', () => {
    const migrations = readMigrations(migrationsDir('sqlite', root)).map((m) => m.sql);
    expect(sqliteCatalog(migrations)).toEqual(sqliteCatalog([diffSql(null, source, 'sqlite')]));
  });

  it.runIf(!!process.env.TEST_PG_URL)('PostgreSQL: the migrations build the database the schema describes', async () => {
    const migrations = readMigrations(migrationsDir('postgresql', root)).map((m) => m.sql);
    const url = process.env.TEST_PG_URL!;
    expect(await postgresCatalog(url, migrations)).toEqual(await postgresCatalog(url, [diffSql(null, source, 'postgresql')]));
  });

  it('a hand-edited migration is caught', () => {
    const migrations = readMigrations(migrationsDir('sqlite', root)).map((m) => m.sql);
    const tampered = [...migrations, 'ALTER TABLE "User" ADD COLUMN "nickname" TEXT;'];
    expect(sqliteCatalog(tampered)).not.toEqual(sqliteCatalog([diffSql(null, source, 'sqlite')]));
  });
});
