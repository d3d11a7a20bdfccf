// Bulk-fills the PersonalAccessToken table for `npm run bench` (scripts/bench/main.ts).
//
//   node scripts/bench/seed-tokens.mjs fill    --token-id ID --total N   (--sqlite FILE | --url postgresql://…)
//   node scripts/bench/seed-tokens.mjs cleanup --token-id ID             (--url postgresql://… only)
//
// fill: adds filler rows until the table holds N personal access tokens in all, or removes
// filler rows (only those: named 'bench filler', in the bench token's org) down to N. Filler
// rows copy the owner, organization and timestamps of an existing token (the bench token, by
// id) and get a random unique secretHash, so no secret anyone holds matches them. Prints one
// JSON line: {"before","inserted","deleted","after","seconds"}.
// cleanup: deletes the bench token's organization and user (everything they own cascades);
// for a PostgreSQL database that outlives the run. A SQLite database lives in the bench's temp
// dir and is simply removed with it.
import crypto from 'node:crypto';

const args = process.argv.slice(2);
const command = args.shift();
const opt = {};
for (let i = 0; i < args.length; i += 2) opt[args[i].replace(/^--/, '')] = args[i + 1];
const fail = (msg) => {
  console.error(`seed-tokens: ${msg}`);
  process.exit(2);
};
if (!['fill', 'cleanup'].includes(command)) fail('usage: seed-tokens.mjs fill|cleanup --token-id ID [--total N] (--sqlite FILE | --url URL)');
if (!opt['token-id']) fail('--token-id is required');
if (!opt.sqlite && !opt.url) fail('--sqlite FILE or --url postgresql://… is required');

const total = Number(opt.total ?? 0);
if (command === 'fill' && !(Number.isInteger(total) && total > 0)) fail('--total N (a positive integer) is required');

const TABLE = '"PersonalAccessToken"';
const COLUMNS = ['id', 'userId', 'orgId', 'name', 'description', 'type', 'secretHash', 'prefix', 'lastFour', 'scopes', 'allRepositories', 'createdAt', 'updatedAt'];
const quoted = COLUMNS.map((c) => `"${c}"`).join(', ');
const runTag = crypto.randomBytes(4).toString('hex');

// Random material for a batch: ids unique per run, hashes random 256-bit hex.
function batch(start, count) {
  const bytes = crypto.randomBytes(32 * count);
  const rows = new Array(count);
  for (let i = 0; i < count; i++) {
    const secretHash = bytes.toString('hex', 32 * i, 32 * i + 32);
    rows[i] = { id: `bench_${runTag}_${start + i}`, secretHash, lastFour: secretHash.slice(-4) };
  }
  return rows;
}

async function sqlite() {
  if (command === 'cleanup') fail('cleanup is for PostgreSQL only (a SQLite bench database is removed with its temp dir)');
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(opt.sqlite, { timeout: 30_000 });
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 30000');
  const template = db.prepare(`SELECT "userId", "orgId", "createdAt", "updatedAt" FROM ${TABLE} WHERE "id" = ?`).get(opt['token-id']);
  if (!template) fail(`no token with id ${opt['token-id']}`);
  const count = () => db.prepare(`SELECT COUNT(*) AS n FROM ${TABLE}`).get().n;
  const before = count();
  const missing = Math.max(0, total - before);
  const surplus = Math.max(0, before - total);
  const insert = db.prepare(`INSERT INTO ${TABLE} (${quoted}) VALUES (?, ?, ?, 'bench filler', '', 'resource', ?, 'tgp_', ?, '[]', 0, ?, ?)`);
  const fill = db.transaction((n) => {
    const CHUNK = 50_000;
    for (let done = 0; done < n; done += CHUNK) {
      for (const r of batch(done, Math.min(CHUNK, n - done))) {
        insert.run(r.id, template.userId, template.orgId, r.secretHash, r.lastFour, template.createdAt, template.updatedAt);
      }
    }
  });
  fill(missing);
  const deleted = surplus
    ? db.prepare(`DELETE FROM ${TABLE} WHERE "id" IN (SELECT "id" FROM ${TABLE} WHERE "orgId" = ? AND "name" = 'bench filler' LIMIT ?)`).run(template.orgId, surplus).changes
    : 0;
  // Fold the WAL back into the database file, as a long-running server would have by now,
  // so the measurement does not read a 100+ MB write-ahead log.
  if (missing > 0 || deleted > 0) db.pragma('wal_checkpoint(TRUNCATE)');
  const after = count();
  db.close();
  return { before, inserted: missing, deleted, after };
}

async function postgres() {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: opt.url });
  await client.connect();
  try {
    const t = await client.query(`SELECT "userId", "orgId", "createdAt", "updatedAt" FROM ${TABLE} WHERE "id" = $1`, [opt['token-id']]);
    if (!t.rows.length) fail(`no token with id ${opt['token-id']}`);
    const template = t.rows[0];
    if (command === 'cleanup') {
      await client.query('BEGIN');
      await client.query('DELETE FROM "Organization" WHERE "id" = $1', [template.orgId]);
      await client.query('DELETE FROM "User" WHERE "id" = $1', [template.userId]);
      await client.query('COMMIT');
      return { deletedOrg: template.orgId, deletedUser: template.userId };
    }
    const count = async () => Number((await client.query(`SELECT COUNT(*)::bigint AS n FROM ${TABLE}`)).rows[0].n);
    const before = await count();
    const missing = Math.max(0, total - before);
    const CHUNK = 20_000;
    await client.query('BEGIN');
    for (let done = 0; done < missing; done += CHUNK) {
      const rows = batch(done, Math.min(CHUNK, missing - done));
      await client.query(
        `INSERT INTO ${TABLE} (${quoted})
         SELECT u.id, $4, $5, 'bench filler', '', 'resource', u.hash, 'tgp_', u.four, '[]', false, $6, $7
         FROM unnest($1::text[], $2::text[], $3::text[]) AS u(id, hash, four)`,
        [rows.map((r) => r.id), rows.map((r) => r.secretHash), rows.map((r) => r.lastFour), template.userId, template.orgId, template.createdAt, template.updatedAt],
      );
    }
    const surplus = Math.max(0, before - total);
    const deleted = surplus
      ? (await client.query(`DELETE FROM ${TABLE} WHERE "id" IN (SELECT "id" FROM ${TABLE} WHERE "orgId" = $1 AND "name" = 'bench filler' LIMIT $2)`, [template.orgId, surplus])).rowCount
      : 0;
    await client.query('COMMIT');
    if (missing > 0 || deleted > 0) await client.query(`ANALYZE ${TABLE}`);
    return { before, inserted: missing, deleted, after: await count() };
  } finally {
    await client.end();
  }
}

const started = process.hrtime.bigint();
const result = opt.url ? await postgres() : await sqlite();
result.seconds = Number((Number(process.hrtime.bigint() - started) / 1e9).toFixed(2));
console.log(JSON.stringify(result));
