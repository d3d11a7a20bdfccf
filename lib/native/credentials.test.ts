// The native credential resolver against a real (SQLite) database: malformed
// and bad-checksum tokens are refused before any database operation; a
// well-formed unknown token costs exactly one lookup.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-cred-'));
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

const meta = { address: '127.0.0.1', userAgent: 'test', requestId: 'r' };
const req = (headers: Record<string, string> = {}) => ({ method: 'GET', path: '/', query: new URLSearchParams(), headers, address: '127.0.0.1', body: Readable.from([]) });

describe('native credentials', async () => {
  const { env } = await import('@/lib/env');
  const { migrate } = await import('@/lib/db/migrate');
  const { db, operationCount } = await import('@/lib/db/client');
  const { generateSecret, hashSecret, lastFour } = await import('@/lib/credentials/secret');
  const { presentedCredential, resolveNativeActor, splitPathToken } = await import('./credentials');
  let secret = '';

  beforeAll(async () => {
    await migrate(env().database);
    const user = await db().user.create({ data: { email: 'a@example.com', name: 'A', passwordHash: 'x' } });
    const org = await db().organization.create({ data: { slug: 'acme', name: 'Acme', memberships: { create: { userId: user.id, role: 'owner' } } } });
    secret = generateSecret('pat');
    await db().personalAccessToken.create({
      data: { userId: user.id, orgId: org.id, name: 't', type: 'resource', secretHash: hashSecret(secret), prefix: 'tgp_', lastFour: lastFour(secret), resources: { create: { repositoryId: null, access: 'read' } } },
    });
  });

  const refusedWithoutQuery = async (token: string) => {
    const before = operationCount();
    await expect(resolveNativeActor({ secret: token, source: 'bearer' }, meta)).rejects.toMatchObject({ status: 401 });
    return operationCount() - before;
  };

  it('refuses a bad checksum with no database operation', async () => {
    const bad = secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A');
    expect(await refusedWithoutQuery(bad)).toBe(0);
  });

  it('refuses malformed tokens with no database operation', async () => {
    for (const t of ['tgp_', 'hello', 'tge_' + secret.slice(4), secret + 'x', '']) expect(await refusedWithoutQuery(t)).toBe(0);
  });

  it('looks a well-formed unknown token up once', async () => {
    expect(await refusedWithoutQuery(generateSecret('pat'))).toBe(1);
  });

  it('resolves a valid token into a PAT principal', async () => {
    const actor = await resolveNativeActor({ secret, source: 'basic' }, meta);
    expect(actor.principal.kind).toBe('pat');
    expect(actor.user?.email).toBe('a@example.com');
  });

  it('reads every credential form', () => {
    expect(splitPathToken(`/t/${secret}/raw/a/b/c`)).toEqual({ secret, rest: '/raw/a/b/c' });
    expect(presentedCredential(req({ authorization: `Bearer ${secret}` }), null)).toEqual({ secret, source: 'bearer' });
    const basic = Buffer.from(`anyone:${secret}`).toString('base64');
    expect(presentedCredential(req({ authorization: `Basic ${basic}` }), null)).toEqual({ secret, source: 'basic' });
    expect(presentedCredential(req(), null)).toBeNull();
    expect(() => presentedCredential(req({ authorization: 'Digest x' }), null)).toThrow();
  });
});

describe('undashPathSecret', async () => {
  const { undashPathSecret } = await import('./credentials');
  // conda.common.url.split_anaconda_token: the token is what this matches, the rest stays in the URL.
  const condaToken = (url: string) => /\/t\/([a-zA-Z0-9-]*)/.exec(url)?.[1];
  const body = 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9';

  it('turns the dash form conda keeps back into the token', () => {
    expect(condaToken(`https://h/t/tgp_${body}/conda/acme/main`)).toBe('tgp'); // why the dash form exists
    expect(condaToken(`https://h/t/tgp-${body}/conda/acme/main`)).toBe(`tgp-${body}`);
    expect(undashPathSecret(`tgp-${body}`)).toBe(`tgp_${body}`);
    expect(undashPathSecret(`tge-${body}`)).toBe(`tge_${body}`);
  });

  it('leaves everything else alone', () => {
    for (const s of [`tgp_${body}`, `tgi-${body}`, `tgp-${body}x`, 'tgp-short', `xtgp-${body}`]) expect(undashPathSecret(s)).toBe(s);
  });
});
