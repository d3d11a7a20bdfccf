// Applies the committed SQL migrations (prisma/migrations/<provider>/*.sql) in
// order, each in its own transaction together with its row in
// _tollgate_migrations, so a failed migration leaves no trace and a finished
// one is never applied twice. Concurrent starters are serialized (SQLite:
// BEGIN IMMEDIATE; PostgreSQL: an advisory lock). Runs at every `npm start`
// and by `npm run db:migrate`; needs no Prisma engine.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Env } from '@/lib/env';

export type Migration = { name: string; sql: string; checksum: string };
export type MigrateResult = { applied: string[]; total: number };

const TABLE = '_tollgate_migrations';
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "${TABLE}" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TEXT NOT NULL)`;
const PG_LOCK_KEY = 7_102_026; // arbitrary, constant: "the Tollgate migrator"

export function migrationsDir(provider: 'sqlite' | 'postgresql', root = process.cwd()) {
  return path.join(root, 'prisma', 'migrations', provider);
}

export function readMigrations(dir: string): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name), 'utf8');
      return { name, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') };
    });
}

/** The migrations still to apply, after checking that history matches the files. */
export function pending(all: Migration[], applied: Map<string, string>): Migration[] {
  const known = new Set(all.map((m) => m.name));
  for (const name of applied.keys()) {
    if (!known.has(name)) {
      throw new Error(`The database has migration ${name}, which this version of Tollgate does not know. Downgrades are not supported.`);
    }
  }
  for (const m of all) {
    const sum = applied.get(m.name);
    if (sum && sum !== m.checksum) {
      throw new Error(`Migration ${m.name} was changed after it was applied to this database. Restore the original file.`);
    }
  }
  return all.filter((m) => !applied.has(m.name));
}

export async function migrate(database: Env['database'], log: (line: string) => void = () => {}): Promise<MigrateResult> {
  const all = readMigrations(migrationsDir(database.provider));
  return database.provider === 'sqlite' ? migrateSqlite(database.file, all, log) : migratePostgres(database.url, all, log);
}

function migrateSqlite(file: string, all: Migration[], log: (line: string) => void): MigrateResult {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file, { timeout: 30_000 });
  try {
    // WAL lets console reads and downloads proceed while a write commits.
    sqlite.pragma('journal_mode = WAL');
    // Prisma changes a SQLite table by copying it into a new one and dropping
    // the old. With foreign keys on, that DROP deletes the old rows first and
    // fires ON DELETE CASCADE into every child table. The pragma is a no-op
    // inside a transaction, so keys go off here, around all migrations, and
    // each transaction checks them before it commits.
    sqlite.pragma('foreign_keys = OFF');
    sqlite.exec(CREATE_TABLE);
    const applied: string[] = [];
    for (const m of all) {
      const ran = sqlite
        .transaction(() => {
          const rows = sqlite.prepare(`SELECT "name", "checksum" FROM "${TABLE}"`).all() as { name: string; checksum: string }[];
          const todo = pending(all, new Map(rows.map((r) => [r.name, r.checksum])));
          if (!todo.some((t) => t.name === m.name)) return false;
          sqlite.exec(m.sql);
          const broken = sqlite.pragma('foreign_key_check') as { table: string; parent: string }[];
          if (broken.length) throw new Error(`${m.name} leaves ${broken.length} rows whose foreign key points nowhere (first: ${broken[0]!.table} → ${broken[0]!.parent}).`);
          sqlite.prepare(`INSERT INTO "${TABLE}" ("name", "checksum", "appliedAt") VALUES (?, ?, ?)`).run(m.name, m.checksum, new Date().toISOString());
          return true;
        })
        .immediate();
      if (ran) {
        applied.push(m.name);
        log(`applied migration ${m.name}`);
      }
    }
    return { applied, total: all.length };
  } finally {
    sqlite.pragma('foreign_keys = ON');
    sqlite.close();
  }
}

async function migratePostgres(url: string, all: Migration[], log: (line: string) => void): Promise<MigrateResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PG_LOCK_KEY]);
    await client.query(CREATE_TABLE);
    const { rows } = await client.query<{ name: string; checksum: string }>(`SELECT "name", "checksum" FROM "${TABLE}"`);
    const todo = pending(all, new Map(rows.map((r) => [r.name, r.checksum])));
    const applied: string[] = [];
    for (const m of todo) {
      try {
        await client.query('BEGIN');
        await client.query(m.sql);
        await client.query(`INSERT INTO "${TABLE}" ("name", "checksum", "appliedAt") VALUES ($1, $2, $3)`, [m.name, m.checksum, new Date().toISOString()]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${m.name} failed and was rolled back: ${(err as Error).message}`);
      }
      applied.push(m.name);
      log(`applied migration ${m.name}`);
    }
    return { applied, total: all.length };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PG_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
