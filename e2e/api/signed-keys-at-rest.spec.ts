/**
 * Signing keys at rest (docs/security.md "Signing keys"): the database holds only AES-256-GCM
 * ciphertext; the key that opens it is in DATA_DIR/secrets.json (0600) or TOLLGATE_SECRET_KEY,
 * never in the database. The test recovers the real key the way the server does (and proves it
 * is the one that signed a URL), then looks for it in every encoding in the SQLite file and WAL,
 * or in a pg_dump of the PostgreSQL database.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '../support/fixtures';
import { startServer, type RunningServer } from '../support/server';
import { createApi } from '../support/api';
import { decryptKey, deriveEncryptionKey, macMatches, parseSignature, signedPayload } from '../../lib/signed-urls/crypto';
import { sql } from './helpers';
import { curlUrl, mint, rotate, signedWorld } from './signed-helpers';

function pgDump(url: string): string {
  const bin = ['/usr/lib/postgresql/15/bin/pg_dump', ...readdirSync('/usr/lib/postgresql').map((v) => `/usr/lib/postgresql/${v}/bin/pg_dump`), 'pg_dump'].find(
    (b) => b === 'pg_dump' || existsSync(b),
  )!;
  return execFileSync(bin, ['--no-owner', '--data-only', '--dbname', url], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

/** Everything the database holds, as bytes: the SQLite file with its WAL, or a pg_dump. */
function databaseBytes(server: RunningServer): Buffer {
  if (server.databaseUrl) return Buffer.from(pgDump(server.databaseUrl), 'utf8');
  const files = readdirSync(server.dataDir).filter((f) => f.startsWith('tollgate.db'));
  expect(files).toContain('tollgate.db');
  return Buffer.concat(files.map((f) => readFileSync(path.join(server.dataDir, f))));
}

const encodings = (key: Buffer) => [key, Buffer.from(key.toString('base64url')), Buffer.from(key.toString('base64')), Buffer.from(key.toString('hex'))];

async function checkAtRest(server: RunningServer, serverKey: () => string) {
  const api = createApi(server.url);
  const w = await signedWorld(api);
  const s = await mint(api, { cookie: w.owner.cookie }, w, w.file);
  const secretSource = serverKey();
  const org = (await sql<{ id: string }>(server, 'SELECT "id" FROM "Organization" WHERE "slug" = $1', [w.org]))[0]!;
  const rows = await sql<{ version: number; ciphertext: string }>(server, 'SELECT "version", "ciphertext" FROM "SigningKey" WHERE "orgId" = $1', [org.id]);
  expect(rows).toHaveLength(1);
  expect(rows[0]!.ciphertext).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);

  const key = decryptKey(deriveEncryptionKey(secretSource), rows[0]!.ciphertext, org.id, Number(rows[0]!.version));
  expect(key, 'the ciphertext opens with the server key').not.toBeNull();
  expect(key!.length).toBe(32);
  // …and it is the key that signed the URL.
  const u = new URL(s.url);
  const parts = parseSignature(u.searchParams.get('signature')!)!;
  const payload = signedPayload('GET', { format: 'raw', org: w.org, repo: w.repo, path: w.file }, Number(u.searchParams.get('expires')), parts.userId);
  expect(macMatches(key!, payload, parts.mac)).toBe(true);
  // A copy of the database alone opens nothing: another server key does not decrypt it.
  expect(decryptKey(deriveEncryptionKey(`${secretSource}-not-it`), rows[0]!.ciphertext, org.id, Number(rows[0]!.version))).toBeNull();

  await rotate(api, w.owner.cookie, w.org);
  const fresh = await mint(api, { cookie: w.owner.cookie }, w, w.file);
  expect((await curlUrl(fresh.url)).status).toBe(200);
  const all = await sql<{ version: number; ciphertext: string }>(server, 'SELECT "version", "ciphertext" FROM "SigningKey" WHERE "orgId" = $1 ORDER BY "version"', [org.id]);
  const keys = all.map((r) => decryptKey(deriveEncryptionKey(secretSource), r.ciphertext, org.id, Number(r.version))!);
  expect(keys).toHaveLength(2);

  const bytes = databaseBytes(server);
  expect(bytes.length).toBeGreaterThan(1000);
  for (const k of keys) for (const enc of encodings(k)) expect(bytes.includes(enc), `the key (${enc.length} bytes form) is not in the database`).toBe(false);
  // The server key is not in the database either.
  expect(bytes.includes(Buffer.from(secretSource)), 'the server key is not in the database').toBe(false);
}

test('SQLite file or pg_dump: no signing key in clear (server key generated into DATA_DIR, 0600)', async ({ server }) => {
  await checkAtRest(server, () => (JSON.parse(readFileSync(path.join(server.dataDir, 'secrets.json'), 'utf8')) as Record<string, string>).signingKeyEncryptionKey!);
});

test('with TOLLGATE_SECRET_KEY: the key comes from the environment and nothing is written to DATA_DIR for it', async () => {
  test.setTimeout(240_000);
  const secretKey = 'e2e-secret-key-for-signing-keys-0123456789abcdef';
  const server = await startServer({ env: { TOLLGATE_SECRET_KEY: secretKey } });
  try {
    await checkAtRest(server, () => secretKey);
    const secrets = JSON.parse(readFileSync(path.join(server.dataDir, 'secrets.json'), 'utf8')) as Record<string, string>;
    expect(Object.keys(secrets)).not.toContain('signingKeyEncryptionKey');
  } finally {
    await server.stop();
  }
});

test.describe('generated server key', () => {
  test('lives in DATA_DIR/secrets.json with mode 0600', async ({ server, api }) => {
    const w = await signedWorld(api);
    await mint(api, { cookie: w.owner.cookie }, w, w.file);
    const file = path.join(server.dataDir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const secrets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    expect(secrets.signingKeyEncryptionKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
