// authorize(), the one road of every native route, driven with each kind of
// credential against a real (SQLite) database: none, a live PAT, a dead one
// (revoked, expired, owner gone), an unknown one, garbage, an entitlement
// token (not accepted yet: a 401 like any credential of no known kind), and a
// signed URL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-authorize-'));
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

const meta = { address: '127.0.0.1', userAgent: 'test', requestId: 'r' };

describe('authorize', async () => {
  const { env } = await import('@/lib/env');
  const { migrate } = await import('@/lib/db/migrate');
  const { db } = await import('@/lib/db/client');
  const { generateSecret, hashSecret, lastFour } = await import('@/lib/credentials/secret');
  const { authorize } = await import('./authorize');
  const { ROUTE_SCOPES } = await import('./dispatch');
  const secrets: Record<string, string> = {};
  const target = { format: 'raw', org: 'acme', repo: 'private' };
  const as = (secret: string | null, scope: keyof typeof ROUTE_SCOPES = 'file', t: Partial<typeof target> = {}) =>
    authorize({ presented: secret === null ? null : { secret, source: 'bearer' }, meta }, { ...target, ...t }, ROUTE_SCOPES[scope]);

  beforeAll(async () => {
    await migrate(env().database);
    const owner = await db().user.create({ data: { email: 'a@example.com', name: 'A', passwordHash: 'x' } });
    const gone = await db().user.create({ data: { email: 'b@example.com', name: 'B', passwordHash: 'x' } });
    const org = await db().organization.create({ data: { slug: 'acme', name: 'Acme', memberships: { create: { userId: owner.id, role: 'owner' } } } });
    await db().repository.create({ data: { orgId: org.id, name: 'private', format: 'raw', visibility: 'private' } });
    await db().repository.create({ data: { orgId: org.id, name: 'public', format: 'raw', visibility: 'public' } });
    const token = async (name: string, userId: string, access: string, extra: { revokedAt?: Date; expiresAt?: Date } = {}) => {
      const secret = generateSecret('pat');
      await db().personalAccessToken.create({
        data: { userId, orgId: org.id, name, type: 'resource', secretHash: hashSecret(secret), prefix: 'tgp_', lastFour: lastFour(secret), ...extra, resources: { create: { repositoryId: null, access } } },
      });
      secrets[name] = secret;
    };
    await token('read', owner.id, 'read');
    await token('write', owner.id, 'write');
    await token('revoked', owner.id, 'read', { revokedAt: new Date() });
    await token('expired', owner.id, 'read', { expiresAt: new Date(Date.now() - 1000) });
    await token('gone', gone.id, 'read'); // its owner is no member of acme
  });

  it('anonymous: public repositories only, 401 for the rest (existing or not)', async () => {
    await expect(as(null, 'file', { repo: 'public' })).resolves.toMatchObject({ actor: { credential: { type: 'anonymous' } } });
    await expect(as(null)).rejects.toMatchObject({ status: 401 });
    await expect(as(null, 'file', { repo: 'nope' })).rejects.toMatchObject({ status: 401 });
    await expect(as(null, 'upload', { repo: 'public' })).rejects.toMatchObject({ status: 401 });
  });

  it('a live PAT: its grant on the repository, 403 beyond it, 404 for what it cannot see', async () => {
    const { actor, repo } = await as(secrets.read!);
    expect(actor.principal.kind).toBe('pat');
    expect(actor.user?.email).toBe('a@example.com');
    expect(repo.file).toBeNull();
    await expect(as(secrets.read!, 'index')).resolves.toBeDefined();
    await expect(as(secrets.read!, 'upload')).rejects.toMatchObject({ status: 403 });
    await expect(as(secrets.write!, 'upload')).resolves.toBeDefined();
    await expect(as(secrets.read!, 'file', { repo: 'nope' })).rejects.toMatchObject({ status: 404 });
    await expect(as(secrets.read!, 'file', { format: 'pypi' })).rejects.toMatchObject({ status: 404 });
  });

  it.each(['revoked', 'expired', 'gone'])('a %s PAT is a 401, even on a public repository', async (name) => {
    await expect(as(secrets[name]!, 'file', { repo: 'public' })).rejects.toMatchObject({ status: 401, message: 'This token is not valid, expired or revoked.' });
  });

  it('an unknown, malformed or entitlement-shaped credential is a 401, never anonymous', async () => {
    for (const secret of [generateSecret('pat'), 'hello', secrets.read! + 'x', generateSecret('entitlement')]) {
      await expect(as(secret, 'file', { repo: 'public' })).rejects.toMatchObject({ status: 401 });
    }
  });

  it('a signed URL: that one file of that repository, by GET or HEAD, until it expires or the key rotates', async () => {
    const { currentSigningKey, rotateKey } = await import('@/lib/signed-urls/keys');
    const { signature } = await import('@/lib/signed-urls/crypto');
    const org = await db().organization.findUniqueOrThrow({ where: { slug: 'acme' } });
    const owner = await db().user.findUniqueOrThrow({ where: { email: 'a@example.com' } });
    const key = await currentSigningKey(org.id);
    const file = { format: 'raw', org: 'acme', repo: 'private', path: 'dir/app.tgz' };
    const expires = Math.floor(Date.now() / 1000) + 600;
    const sig = signature(key.key, key.version, 'GET', file, expires, owner.id);
    const signed = (method: string, opts: { path?: string; expires?: number; sig?: string; scope?: keyof typeof ROUTE_SCOPES } = {}) =>
      authorize(
        { presented: { secret: opts.sig ?? sig, source: 'signed', expires: String(opts.expires ?? expires) }, meta, req: { method } },
        { ...file, path: opts.path ?? file.path },
        ROUTE_SCOPES[opts.scope ?? 'file'],
      );
    for (const method of ['GET', 'HEAD']) {
      const { actor } = await signed(method);
      expect(actor.principal).toEqual({ kind: 'signed_url', orgId: org.id, repositoryId: expect.any(String) });
      expect(actor.credential).toEqual({ type: 'signed_url', id: key.id });
      expect(actor.user?.email).toBe('a@example.com');
    }
    await expect(authorize({ presented: { secret: sig, source: 'signed', expires: String(expires) }, meta, req: { method: 'GET' } }, { ...file, org: 'ACME', repo: 'Private' }, ROUTE_SCOPES.file)).resolves.toBeDefined();
    await expect(signed('PUT', { scope: 'upload' })).rejects.toMatchObject({ status: 401 });
    await expect(signed('GET', { path: 'dir/other.tgz' })).rejects.toMatchObject({ status: 401 });
    await expect(signed('GET', { path: '', scope: 'index' })).rejects.toMatchObject({ status: 401 });
    await expect(signed('GET', { expires: expires + 1 })).rejects.toMatchObject({ status: 401, message: /signature does not match/ });
    const past = Math.floor(Date.now() / 1000) - 1;
    await expect(signed('GET', { expires: past, sig: signature(key.key, key.version, 'GET', file, past, owner.id) })).rejects.toMatchObject({ status: 401, message: /expired/ });
    await expect(signed('GET', { sig: 'garbage' })).rejects.toMatchObject({ status: 401 });
    await db().$transaction((tx) => rotateKey(tx, org.id));
    await expect(signed('GET')).rejects.toMatchObject({ status: 401, message: /rotated/ });
    const next = await currentSigningKey(org.id);
    expect(next.version).toBe(key.version + 1);
    await expect(signed('GET', { sig: signature(next.key, next.version, 'GET', file, expires, owner.id) })).resolves.toBeDefined();
  });
});
