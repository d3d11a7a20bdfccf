// The migration runner against real databases: pending ones applied once,
// each in a transaction with its record; edited history refused.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, pending, readMigrations, type Migration } from './migrate';

function tempProject(files: Record<string, string>) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-migrate-'));
  const dir = path.join(root, 'prisma', 'migrations', 'sqlite');
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, sql] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), sql);
  return { root, dir, file: path.join(root, 'db.sqlite') };
}

async function inProject<T>(root: string, fn: () => Promise<T>): Promise<T> {
  const cwd = process.cwd();
  process.chdir(root);
  try {
    return await fn();
  } finally {
    process.chdir(cwd);
  }
}

describe('migrate (SQLite)', () => {
  it('applies pending migrations once and records them', async () => {
    const p = tempProject({ '0001_a.sql': 'CREATE TABLE a (id INTEGER);', '0002_b.sql': 'CREATE TABLE b (id INTEGER);' });
    const db = { provider: 'sqlite' as const, url: `file:${p.file}`, file: p.file };
    expect(await inProject(p.root, () => migrate(db))).toEqual({ applied: ['0001_a.sql', '0002_b.sql'], total: 2 });
    expect(await inProject(p.root, () => migrate(db))).toEqual({ applied: [], total: 2 });
    const sqlite = new Database(p.file);
    expect(sqlite.prepare('SELECT name FROM _tollgate_migrations ORDER BY name').all()).toEqual([{ name: '0001_a.sql' }, { name: '0002_b.sql' }]);
    sqlite.close();
  });

  it('rolls a failing migration back entirely and records nothing for it', async () => {
    const p = tempProject({ '0001_a.sql': 'CREATE TABLE a (id INTEGER);', '0002_bad.sql': 'CREATE TABLE c (id INTEGER); INSERT INTO nope VALUES (1);' });
    const db = { provider: 'sqlite' as const, url: `file:${p.file}`, file: p.file };
    await expect(inProject(p.root, () => migrate(db))).rejects.toThrow(/nope/);
    const sqlite = new Database(p.file);
    const tables = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type='table' ORDER BY name`).all();
    expect(tables).toEqual([{ name: '_tollgate_migrations' }, { name: 'a' }]);
    expect(sqlite.prepare('SELECT name FROM _tollgate_migrations').all()).toEqual([{ name: '0001_a.sql' }]);
    sqlite.close();
  });

  it('refuses a migration edited after it was applied', async () => {
    const p = tempProject({ '0001_a.sql': 'CREATE TABLE a (id INTEGER);' });
    const db = { provider: 'sqlite' as const, url: `file:${p.file}`, file: p.file };
    await inProject(p.root, () => migrate(db));
    fs.writeFileSync(path.join(p.dir, '0001_a.sql'), 'CREATE TABLE a (id INTEGER, x TEXT);');
    await expect(inProject(p.root, () => migrate(db))).rejects.toThrow(/was changed after it was applied/);
  });
});

describe('pending', () => {
  const m = (name: string, checksum = name): Migration => ({ name, sql: '', checksum });
  it('refuses a database that knows migrations this version does not', () => {
    expect(() => pending([m('0001_a.sql')], new Map([['0002_b.sql', 'x']]))).toThrow(/Downgrades are not supported/);
  });
  it('lists what is left in order', () => {
    expect(pending([m('0001_a.sql'), m('0002_b.sql')], new Map([['0001_a.sql', '0001_a.sql']])).map((x) => x.name)).toEqual(['0002_b.sql']);
  });
  it('reads only numbered .sql files, sorted', () => {
    const p = tempProject({ '0002_b.sql': 'x', '0001_a.sql': 'y', 'README.md': 'z' });
    expect(readMigrations(p.dir).map((x) => x.name)).toEqual(['0001_a.sql', '0002_b.sql']);
  });
});

describe('migrate (SQLite) with foreign keys', () => {
  const parentChild = `CREATE TABLE parent (id INTEGER PRIMARY KEY);
CREATE TABLE child (id INTEGER PRIMARY KEY, parentId INTEGER NOT NULL REFERENCES parent(id) ON DELETE CASCADE);
INSERT INTO parent VALUES (1); INSERT INTO child VALUES (10, 1);`;
  // What Prisma generates to add a column to a SQLite table: copy, drop, rename.
  const redefine = `PRAGMA defer_foreign_keys=ON; PRAGMA foreign_keys=OFF;
CREATE TABLE new_parent (id INTEGER PRIMARY KEY, extra INTEGER NOT NULL DEFAULT 0);
INSERT INTO new_parent (id) SELECT id FROM parent; DROP TABLE parent; ALTER TABLE new_parent RENAME TO parent;
PRAGMA foreign_keys=ON; PRAGMA defer_foreign_keys=OFF;`;

  it('a table redefinition keeps the rows of child tables (no cascade on the DROP)', async () => {
    const p = tempProject({ '0001_a.sql': parentChild, '0002_b.sql': redefine });
    const db = { provider: 'sqlite' as const, url: `file:${p.file}`, file: p.file };
    await inProject(p.root, () => migrate(db));
    const sqlite = new Database(p.file);
    expect(sqlite.prepare('SELECT id, parentId FROM child').all()).toEqual([{ id: 10, parentId: 1 }]);
    expect(sqlite.prepare('SELECT id, extra FROM parent').all()).toEqual([{ id: 1, extra: 0 }]);
    sqlite.close();
  });

  it('a migration that leaves dangling foreign keys is rolled back', async () => {
    const p = tempProject({ '0001_a.sql': parentChild, '0002_b.sql': 'DELETE FROM parent;' });
    const db = { provider: 'sqlite' as const, url: `file:${p.file}`, file: p.file };
    await expect(inProject(p.root, () => migrate(db))).rejects.toThrow(/foreign key points nowhere/);
    const sqlite = new Database(p.file);
    expect(sqlite.prepare('SELECT count(*) AS n FROM parent').get()).toEqual({ n: 1 });
    sqlite.close();
  });
});
