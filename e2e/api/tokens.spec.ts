/**
 * Personal access tokens (PRODUCT.md "Credentials" / "Personal access tokens", API.md "Personal
 * access tokens"): creation of resource and scope tokens, validation, the "not more than you hold"
 * rule, expiry, revocation, reissue, deletion, lists and filters, last use, Bearer use on the
 * management API, and the rules evaluated at every request (user now ∩ grant, grants bound to
 * repository ids). Native use goes through the real `curl` binary on the raw route.
 */
import { test, expect, type Api } from '../support/fixtures';
import { addMember, detailPaths, expectError, rawRequest, signIn, signup, uid, wellFormedUnknownSecret, type Account } from './helpers';
import {
  CRED_FORMS,
  PAT_RE,
  createRepo,
  createToken,
  curlGet,
  curlPut,
  errorCode,
  expectChallenge,
  payload,
  poll,
  postToken,
  rawPath,
  resourceToken,
  scopeToken,
  setRepoRole,
  sha256,
  shown,
  sleep,
  tamper,
  upload,
  type Page,
  type Repo,
  type Token,
} from './pat-helpers';

type World = { owner: Account; org: string; fileBytes: Buffer; file: string };

/** An org with private raw repositories `libs` (holding one file) and `app`. */
async function world(api: Api): Promise<World> {
  const owner = await signup(api);
  const org = owner.org.slug;
  await createRepo(api, { cookie: owner.cookie }, org, { name: 'libs', format: 'raw', visibility: 'private' });
  await createRepo(api, { cookie: owner.cookie }, org, { name: 'app', format: 'raw', visibility: 'private' });
  const writer = await resourceToken(api, owner.cookie, org, [{ repo: '*', access: 'manage' }]);
  const fileBytes = payload(`libs file ${uid()}`);
  const file = 'lib-1.0.tgz';
  await upload(api.url, org, 'libs', file, fileBytes, { form: 'bearer', token: writer.secret });
  return { owner, org, fileBytes, file };
}

const getToken = (api: Api, cookie: string, id: string) => api.get<{ token: Token; secret?: string }>(`/api/v1/tokens/${id}`, { cookie });
const listTokens = (api: Api, cookie: string, query = '') => api.get<Page<Token>>(`/api/v1/tokens${query}`, { cookie });
const ids = (page: Page<Token>) => page.items.map((t) => t.id);

/** Downloads the world's file with a secret (curl, Basic): the status. */
async function download(api: Api, w: World, secret: string, form: (typeof CRED_FORMS)[number] = 'basic'): Promise<number> {
  const r = await curlGet(api.url, rawPath(w.org, 'libs', w.file), { form, token: secret });
  if (r.status === 200) expect(r.body.equals(w.fileBytes)).toBe(true);
  return r.status;
}

const near = (iso: string | null, expected: number, toleranceMs = 60_000) => {
  expect(iso, 'a date').not.toBeNull();
  const t = Date.parse(iso!);
  expect(new Date(t).toISOString()).toBe(iso);
  expect(Math.abs(t - expected), `${iso} is within ${toleranceMs} ms of ${new Date(expected).toISOString()}`).toBeLessThanOrEqual(toleranceMs);
};

test.describe('creating tokens', () => {
  test('a resource token: 201 with the token and a tgp_ secret shown only once', async ({ api }) => {
    const w = await world(api);
    const before = Date.now();
    const res = await postToken(api, { cookie: w.owner.cookie }, {
      org: w.org,
      name: 'ci download',
      description: 'pulls libs in CI',
      expiresIn: '30d',
      type: 'resource',
      resources: [{ repo: 'libs', access: 'read' }],
    });
    expect(res.status, res.text).toBe(201);
    const { token, secret } = res.json;
    expect(secret).toMatch(PAT_RE);
    expect(token).toMatchObject({
      id: expect.any(String),
      name: 'ci download',
      description: 'pulls libs in CI',
      type: 'resource',
      status: 'active',
      prefix: 'tgp_',
      lastFour: secret.slice(-4),
      resources: [{ repo: 'libs', access: 'read' }],
      org: w.org,
      revokedAt: null,
      lastUsedAt: null,
      lastUsedAddress: null,
    });
    expect(token.scopes).toBeUndefined();
    near(token.createdAt, before);
    near(token.expiresAt, before + 30 * 86_400_000);
    expect(JSON.stringify(token)).not.toContain(secret);

    // Shown once: neither GET nor the list carries it.
    const got = await getToken(api, w.owner.cookie, token.id);
    expect(got.status).toBe(200);
    expect(got.json.token).toEqual(token);
    expect(got.json.secret).toBeUndefined();
    expect(got.text).not.toContain(secret);
    const list = await listTokens(api, w.owner.cookie);
    expect(ids(list.json)).toContain(token.id);
    expect(list.text).not.toContain(secret);
    expect(list.text).not.toContain(secret.slice(4, 36));

    // It works with every credential form, and two tokens never share a secret.
    for (const form of CRED_FORMS) expect(await download(api, w, secret, form)).toBe(200);
    const other = await resourceToken(api, w.owner.cookie, w.org, [{ repo: 'libs', access: 'read' }]);
    expect(other.secret).not.toBe(secret);

    // every access level, and "*"
    for (const access of ['read', 'upload', 'write', 'manage'] as const) {
      const t = await resourceToken(api, w.owner.cookie, w.org, [{ repo: 'app', access }, { repo: '*', access: 'read' }]);
      expect(t.token.resources).toEqual(expect.arrayContaining([{ repo: 'app', access }, { repo: '*', access: 'read' }]));
    }
  });

  test('a scope token: scopes plus coverage, all repositories or a list', async ({ api }) => {
    const w = await world(api);
    const listed = await scopeToken(api, w.owner.cookie, w.org, ['repo:view', 'artifact:download'], ['libs', 'app']);
    expect(listed.token).toMatchObject({ type: 'scope', status: 'active', prefix: 'tgp_', org: w.org });
    expect([...listed.token.scopes!].sort()).toEqual(['artifact:download', 'repo:view']);
    expect([...(listed.token.repositories as string[])].sort()).toEqual(['app', 'libs']);
    expect(listed.token.resources).toBeUndefined();
    expect(await download(api, w, listed.secret)).toBe(200);

    const all = await scopeToken(api, w.owner.cookie, w.org, ['repo:view', 'artifact:view', 'artifact:download', 'repo:create'], '*');
    expect(all.token.repositories).toBe('*');
    expect(await download(api, w, all.secret)).toBe(200);

    // coverage limits the scopes: a token covering only app cannot read libs
    const appOnly = await scopeToken(api, w.owner.cookie, w.org, ['repo:view', 'artifact:download'], ['app']);
    expect(await download(api, w, appOnly.secret)).toBe(404);
  });

  test('expiry: durations, dates and never', async ({ api }) => {
    const w = await world(api);
    const base = { org: w.org, type: 'resource', resources: [{ repo: 'libs', access: 'read' }] };
    for (const [expiresIn, ms] of [
      ['30d', 30 * 86_400_000],
      ['12h', 12 * 3_600_000],
      ['5m', 5 * 60_000],
      ['90s', 90_000],
    ] as const) {
      const before = Date.now();
      const t = await createToken(api, w.owner.cookie, { ...base, name: `in ${expiresIn}`, expiresIn });
      near(t.token.expiresAt, before + ms, 30_000);
      expect(t.token.status).toBe('active');
    }
    expect((await createToken(api, w.owner.cookie, { ...base, name: 'never', expiresIn: 'never' })).token.expiresAt).toBeNull();
    expect((await createToken(api, w.owner.cookie, { ...base, name: 'default' })).token.expiresAt).toBeNull();
    const at = new Date(Date.now() + 3 * 86_400_000);
    at.setUTCMilliseconds(0);
    const dated = await createToken(api, w.owner.cookie, { ...base, name: 'dated', expiresAt: at.toISOString() });
    expect(Date.parse(dated.token.expiresAt!)).toBe(at.getTime());

    for (const bad of ['3 weeks', '0d', '-1d', 'soon', '', '30x', '1e3d', 'forever']) {
      const res = await postToken(api, { cookie: w.owner.cookie }, { ...base, name: 'bad', expiresIn: bad });
      expectError(res, 400, 'invalid_request', `expiresIn ${JSON.stringify(bad)}`);
      expect(detailPaths(res), `expiresIn ${JSON.stringify(bad)}`).toContain('expiresIn');
    }
    for (const bad of [new Date(Date.now() - 60_000).toISOString(), 'tomorrow', '2020-13-45T00:00:00Z', 12345]) {
      const res = await postToken(api, { cookie: w.owner.cookie }, { ...base, name: 'bad', expiresAt: bad });
      expectError(res, 400, 'invalid_request', `expiresAt ${JSON.stringify(bad)}`);
      expect(detailPaths(res), `expiresAt ${JSON.stringify(bad)}`).toContain('expiresAt');
    }
  });

  test('malformed bodies get 400 invalid_request with details', async ({ api }) => {
    const w = await world(api);
    const resource = { org: w.org, name: 'n', type: 'resource', resources: [{ repo: 'libs', access: 'read' }] };
    const scope = { org: w.org, name: 'n', type: 'scope', scopes: ['repo:view'], repositories: '*' };
    const cases: [string, unknown, string | RegExp | null][] = [
      ['both resources and scopes', { ...resource, scopes: ['repo:view'] }, null],
      ['both, as a scope token', { ...scope, resources: [{ repo: 'libs', access: 'read' }] }, null],
      ['no type', { org: w.org, name: 'n', resources: [{ repo: 'libs', access: 'read' }] }, 'type'],
      ['unknown type', { ...resource, type: 'admin' }, 'type'],
      ['no resources', { org: w.org, name: 'n', type: 'resource' }, /^resources/],
      ['empty resources', { ...resource, resources: [] }, /^resources/],
      ['unknown access', { ...resource, resources: [{ repo: 'libs', access: 'admin' }] }, 'resources.0.access'],
      ['resource without repo', { ...resource, resources: [{ access: 'read' }] }, 'resources.0.repo'],
      ['unknown repository', { ...resource, resources: [{ repo: 'libs', access: 'read' }, { repo: 'nope', access: 'read' }] }, 'resources.1.repo'],
      ['unknown repository first', { ...resource, resources: [{ repo: 'nope', access: 'read' }] }, 'resources.0.repo'],
      ['no scopes', { org: w.org, name: 'n', type: 'scope', repositories: '*' }, /^scopes/],
      ['unknown scope', { ...scope, scopes: ['repo:fly'] }, /^scopes\.0/],
      ['scope token without coverage', { org: w.org, name: 'n', type: 'scope', scopes: ['repo:view'] }, /^repositories/],
      ['coverage naming an unknown repository', { ...scope, repositories: ['libs', 'nope'] }, /^repositories/],
      ['no name', { ...resource, name: undefined }, 'name'],
      ['empty name', { ...resource, name: '   ' }, 'name'],
      ['name not a string', { ...resource, name: 42 }, 'name'],
      ['no org', { ...resource, org: undefined }, 'org'],
      ['resources not an array', { ...resource, resources: { repo: 'libs', access: 'read' } }, /^resources/],
      ['scopes not an array', { ...scope, scopes: 'repo:view' }, /^scopes/],
    ];
    for (const [what, body, path] of cases) {
      const res = await postToken(api, { cookie: w.owner.cookie }, body);
      const err = expectError(res, 400, 'invalid_request', what);
      expect(err.error.details?.length ?? 0, `${what}: details`).toBeGreaterThan(0);
      if (typeof path === 'string') expect(detailPaths(res), what).toContain(path);
      else if (path) expect(detailPaths(res).some((p) => path.test(p)), `${what}: ${detailPaths(res).join(', ')}`).toBe(true);
    }
    for (const raw of ['not json', '[]', 'null', '"string"', '{"org":']) {
      const res = await api.request('POST', '/api/v1/tokens', raw, { cookie: w.owner.cookie });
      expectError(res, 400, 'invalid_request', `body ${raw}`);
    }
    // an organization the caller is not in
    const stranger = await signup(api);
    const res = await postToken(api, { cookie: stranger.cookie }, resource);
    expect([400, 404], res.text).toContain(res.status);
    expectError(res, res.status, undefined, 'token for an org the caller is not in');
    // nothing was created by any of these
    const list = await listTokens(api, w.owner.cookie);
    expect(list.json.items.filter((t) => t.name === 'n')).toEqual([]);
  });

  test('a token may not grant more than its creator holds (400 with details)', async ({ api }) => {
    const w = await world(api);
    const member = await addMember(api, w.owner.cookie, w.org, 'member', 'reader');
    await setRepoRole(api, { cookie: w.owner.cookie }, w.org, 'libs', member.user.id, 'reader');
    const cookie = await signIn(api, member.email, member.password);
    const beyond: [string, Record<string, unknown>][] = [
      ['write on a repository where they read', { type: 'resource', resources: [{ repo: 'libs', access: 'write' }] }],
      ['upload on a repository where they read', { type: 'resource', resources: [{ repo: 'libs', access: 'upload' }] }],
      ['manage on a repository where they read', { type: 'resource', resources: [{ repo: 'libs', access: 'manage' }] }],
      ['read on a repository where they hold nothing', { type: 'resource', resources: [{ repo: 'app', access: 'read' }] }],
      ['read on every repository', { type: 'resource', resources: [{ repo: '*', access: 'read' }] }],
      ['an org scope they lack', { type: 'scope', scopes: ['org.member:edit'], repositories: '*' }],
      ['audit:view', { type: 'scope', scopes: ['audit:view'], repositories: '*' }],
      ['a repository scope they lack', { type: 'scope', scopes: ['artifact:delete'], repositories: ['libs'] }],
      ['a repository scope on a repository they cannot see', { type: 'scope', scopes: ['artifact:download'], repositories: ['app'] }],
    ];
    for (const [what, grant] of beyond) {
      const res = await postToken(api, { cookie }, { org: w.org, name: 'too wide', ...grant });
      const err = expectError(res, 400, 'invalid_request', what);
      expect(err.error.details?.length ?? 0, `${what}: details`).toBeGreaterThan(0);
      const paths = detailPaths(res);
      expect(paths.every((p) => /^(resources|scopes|repositories)/.test(p)), `${what}: ${paths.join(', ')}`).toBe(true);
    }
    // Within bounds: fine.
    const read = await createToken(api, cookie, { org: w.org, name: 'ok', type: 'resource', resources: [{ repo: 'libs', access: 'read' }] });
    expect(await download(api, w, read.secret)).toBe(200);
    await createToken(api, cookie, { org: w.org, name: 'ok scope', type: 'scope', scopes: ['artifact:download', 'repo:create'], repositories: ['libs'] });
    // The owner holds everything.
    await createToken(api, w.owner.cookie, { org: w.org, name: 'all', type: 'resource', resources: [{ repo: '*', access: 'manage' }] });
    // Nothing too wide was stored.
    const mine = await listTokens(api, cookie);
    expect(mine.json.items.map((t) => t.name).sort()).toEqual(['ok', 'ok scope']);
  });

  test('GET /api/v1/scopes lists every permission scope with its level and target', async ({ api }) => {
    const w = await world(api);
    const res = await api.get<{ items: { scope: string; level: string; appliesTo: string; category: string; description: string }[] }>('/api/v1/scopes', {
      cookie: w.owner.cookie,
    });
    expect(res.status, res.text).toBe(200);
    const table: [string, string, string][] = [
      ['repo:view', 'read', 'repository'],
      ['artifact:view', 'read', 'repository'],
      ['artifact:download', 'read', 'repository'],
      ['artifact:create', 'write', 'repository'],
      ['artifact:edit', 'manage', 'repository'],
      ['artifact:delete', 'manage', 'repository'],
      ['repo:edit', 'manage', 'repository'],
      ['repo:delete', 'manage', 'repository'],
      ['repo.member:view', 'manage', 'repository'],
      ['repo.member:edit', 'manage', 'repository'],
      ['repo.usage:view', 'manage', 'repository'],
      ['repo:create', 'write', 'organization'],
      ['org.member:view', 'read', 'organization'],
      ['org.member:edit', 'manage', 'organization'],
      ['org.settings:edit', 'manage', 'organization'],
      ['signing-key:edit', 'manage', 'organization'],
      ['audit:view', 'manage', 'organization'],
      ['entitlement:view', 'read', 'organization'],
      ['entitlement:edit', 'manage', 'organization'],
      ['token:view', 'read', ''],
      ['token:edit', 'manage', ''],
    ];
    const byScope = new Map(res.json.items.map((i) => [i.scope, i]));
    expect(new Set(res.json.items.map((i) => i.scope)).size, 'no duplicates').toBe(res.json.items.length);
    for (const [scope, level, appliesTo] of table) {
      const item = byScope.get(scope);
      expect(item, scope).toBeTruthy();
      expect(item!.level, scope).toBe(level);
      if (appliesTo) expect(item!.appliesTo, scope).toBe(appliesTo);
      expect(item!.category, scope).toBe(scope.slice(0, scope.indexOf(':')));
      expect(item!.description.length, scope).toBeGreaterThan(0);
    }
    // The owner, who holds everything, may put every listed scope in a token.
    const all = await scopeToken(api, w.owner.cookie, w.org, res.json.items.map((i) => i.scope), '*');
    expect([...all.token.scopes!].sort()).toEqual(res.json.items.map((i) => i.scope).sort());
  });
});

test.describe('life cycle', () => {
  test('a token with a date a few seconds ahead works, then gets 401 and is listed as expired', async ({ api }) => {
    const w = await world(api);
    const expiresAt = new Date(Date.now() + 4_000);
    const t = await resourceToken(api, w.owner.cookie, w.org, [{ repo: 'libs', access: 'read' }], { expiresAt: expiresAt.toISOString() });
    expect(Date.parse(t.token.expiresAt!)).toBe(expiresAt.getTime());
    expect(t.token.status).toBe('active');
    expect(await download(api, w, t.secret)).toBe(200);
    expect((await api.get(`/api/v1/orgs/${w.org}/repos/libs`, { token: t.secret })).status).toBe(200);
    expect(ids((await listTokens(api, w.owner.cookie, '?status=active')).json)).toContain(t.token.id);

    // Poll until it stops working; it must not stop before its time.
    let refusedAt = 0;
    await poll(async () => {
      const status = await download(api, w, t.secret);
      if (status === 401) refusedAt = Date.now();
      else expect(status).toBe(200);
      return status === 401;
    }, 15_000, 250);
    expect(refusedAt, 'the token expired').toBeGreaterThan(0);
    expect(refusedAt).toBeGreaterThanOrEqual(expiresAt.getTime() - 1_000);

    for (const form of CRED_FORMS) {
      expectChallenge(await curlGet(api.url, rawPath(w.org, 'libs', w.file), { form, token: t.secret }), `expired via ${form}`);
    }
    expectError(await api.get(`/api/v1/orgs/${w.org}/repos/libs`, { token: t.secret }), 401, 'unauthenticated', 'expired token on the API');
    const got = await getToken(api, w.owner.cookie, t.token.id);
    expect(got.json.token.status).toBe('expired');
    expect(ids((await listTokens(api, w.owner.cookie, '?status=expired')).json)).toContain(t.token.id);
    expect(ids((await listTokens(api, w.owner.cookie, '?status=active')).json)).not.toContain(t.token.id);
    expect(ids((await listTokens(api, w.owner.cookie, '?status=revoked')).json)).not.toContain(t.token.id);
    expect(ids((await listTokens(api, w.owner.cookie)).json)).toContain(t.token.id);
  });

  test('revocation is permanent and the token stays listed as revoked', async ({ api }) => {
    const w = await world(api);
    const t = await resourceToken(api, w.owner.cookie, w.org, [{ repo: 'libs', access: 'read' }]);
    expect(await download(api, w, t.secret)).toBe(200);
    const before = Date.now();
    const res = await api.post<{ token: Token }>(`/api/v1/tokens/${t.token.id}/revoke`, undefined, { cookie: w.owner.cookie });
    expect(res.status, res.text).toBe(200);
    expect(res.json.token).toMatchObject({ id: t.token.id, status: 'revoked', resources: t.token.resources, name: t.token.name });
    near(res.json.token.revokedAt, before);

    for (const form of CRED_FORMS) {
      expectChallenge(await curlGet(api.url, rawPath(w.org, 'libs', w.file), { form, token: t.secret }), `revoked via ${form}`);
    }
    expectError(await api.get(`/api/v1/orgs/${w.org}/repos`, { token: t.secret }), 401, 'unauthenticated', 'revoked token on the API');

    // No way back: no edit, no reissue, no new expiry.
    for (const body of [{ name: 'renamed' }, { description: 'd' }, { reissue: true }, { expiresIn: '30d' }, { expiresAt: new Date(Date.now() + 86_400_000).toISOString() }]) {
      expectError(await api.patch(`/api/v1/tokens/${t.token.id}`, body, { cookie: w.owner.cookie }), 409, 'conflict', `PATCH ${JSON.stringify(body)} after revoke`);
    }
    const again = await api.post<{ token: Token }>(`/api/v1/tokens/${t.token.id}/revoke`, undefined, { cookie: w.owner.cookie });
    expect([200, 409], again.text).toContain(again.status);
    expect(await download(api, w, t.secret)).toBe(401);

    const got = await getToken(api, w.owner.cookie, t.token.id);
    expect(got.json.token).toMatchObject({ status: 'revoked', name: t.token.name, revokedAt: res.json.token.revokedAt });
    expect(ids((await listTokens(api, w.owner.cookie, '?status=revoked')).json)).toContain(t.token.id);
    expect(ids((await listTokens(api, w.owner.cookie, '?status=active')).json)).not.toContain(t.token.id);
    expect(ids((await listTokens(api, w.owner.cookie, '?status=expired')).json)).not.toContain(t.token.id);
    expect(ids((await listTokens(api, w.owner.cookie)).json)).toContain(t.token.id);

    // deletion removes it from the list
    expect((await api.delete(`/api/v1/tokens/${t.token.id}`, { cookie: w.owner.cookie })).status).toBe(204);
    expect(ids((await listTokens(api, w.owner.cookie)).json)).not.toContain(t.token.id);
  });

  test('reissue keeps the id and the grant; the old secret dies at once, the new one works', async ({ api }) => {
    const w = await world(api);
    const t = await resourceToken(api, w.owner.cookie, w.org, [{ repo: 'libs', access: 'read' }, { repo: 'app', access: 'upload' }], {
      description: 'before',
      expiresIn: '30d',
    });
    expect(await download(api, w, t.secret)).toBe(200);
    const res = await api.patch<{ token: Token; secret?: string }>(`/api/v1/tokens/${t.token.id}`, { reissue: true }, { cookie: w.owner.cookie });
    expect(res.status, res.text).toBe(200);
    const fresh = res.json.secret!;
    expect(fresh).toMatch(PAT_RE);
    expect(fresh).not.toBe(t.secret);
    expect(res.json.token).toMatchObject({
      id: t.token.id,
      name: t.token.name,
      description: 'before',
      type: 'resource',
      status: 'active',
      lastFour: fresh.slice(-4),
      expiresAt: t.token.expiresAt,
      createdAt: t.token.createdAt,
    });
    expect([...res.json.token.resources!].sort((a, b) => a.repo.localeCompare(b.repo))).toEqual(
      [...t.token.resources!].sort((a, b) => a.repo.localeCompare(b.repo)),
    );

    for (const form of CRED_FORMS) {
      expectChallenge(await curlGet(api.url, rawPath(w.org, 'libs', w.file), { form, token: t.secret }), `old secret via ${form}`);
      expect(await download(api, w, fresh, form)).toBe(200);
    }
    expectError(await api.get(`/api/v1/orgs/${w.org}/repos/libs`, { token: t.secret }), 401, 'unauthenticated', 'old secret on the API');
    // the same grant: upload to app, not download from it
    await upload(api.url, w.org, 'app', `reissued-${uid()}.bin`, payload('after reissue'), { form: 'bearer', token: fresh });
    const put = await curlPut(api.url, rawPath(w.org, 'libs', 'nope.bin'), payload('x'), { form: 'bearer', token: fresh });
    expect(put.status, shown(put)).toBe(403);

    // Editing name, description and expiry: no new secret, grant untouched.
    const edit = await api.patch<{ token: Token; secret?: string }>(
      `/api/v1/tokens/${t.token.id}`,
      { name: 'renamed', description: 'after', expiresIn: '12h' },
      { cookie: w.owner.cookie },
    );
    expect(edit.status, edit.text).toBe(200);
    expect(edit.json.secret).toBeUndefined();
    expect(edit.json.token).toMatchObject({ id: t.token.id, name: 'renamed', description: 'after', lastFour: fresh.slice(-4) });
    near(edit.json.token.expiresAt, Date.now() + 12 * 3_600_000);
    const never = await api.patch<{ token: Token }>(`/api/v1/tokens/${t.token.id}`, { expiresIn: 'never' }, { cookie: w.owner.cookie });
    expect(never.status, never.text).toBe(200);
    expect(never.json.token.expiresAt).toBeNull();
    const date = new Date(Date.now() + 5 * 86_400_000);
    date.setUTCMilliseconds(0);
    const dated = await api.patch<{ token: Token }>(`/api/v1/tokens/${t.token.id}`, { expiresAt: date.toISOString() }, { cookie: w.owner.cookie });
    expect(Date.parse(dated.json.token.expiresAt!)).toBe(date.getTime());
    expect(await download(api, w, fresh)).toBe(200);

    // The grant and the type cannot be edited.
    for (const body of [
      { resources: [{ repo: '*', access: 'manage' }] },
      { type: 'scope' },
      { scopes: ['repo:view'] },
      { org: 'elsewhere' },
      { reissue: 'yes' },
      { name: '' },
      { expiresIn: 'eventually' },
      { expiresAt: new Date(Date.now() - 1000).toISOString() },
    ]) {
      expectError(await api.patch(`/api/v1/tokens/${t.token.id}`, body, { cookie: w.owner.cookie }), 400, 'invalid_request', `PATCH ${JSON.stringify(body)}`);
    }
    const final = await getToken(api, w.owner.cookie, t.token.id);
    expect(final.json.token.resources).toHaveLength(2);
    expect(final.json.token.name).toBe('renamed');
  });

  test('bad checksums, unknown and malformed secrets get 401', async ({ api }) => {
    const w = await world(api);
    const t = await resourceToken(api, w.owner.cookie, w.org, [{ repo: 'libs', access: 'read' }]);
    const bad = [tamper(t.secret, 0), tamper(t.secret, 17), tamper(t.secret, 31), tamper(t.secret, 35), tamper(t.secret, 37), wellFormedUnknownSecret('p'), t.secret.toLowerCase(), t.secret.slice(0, -1)];
    for (const secret of bad) {
      expect(secret).not.toBe(t.secret);
      for (const form of CRED_FORMS) {
        expectChallenge(await curlGet(api.url, rawPath(w.org, 'libs', w.file), { form, token: secret }), `${secret} via ${form}`);
      }
      expectError(await api.get(`/api/v1/orgs/${w.org}/repos/libs`, { token: secret }), 401, 'unauthenticated', `${secret} on the API`);
      expectError(await api.get('/api/v1/tokens', { token: secret }), 401, 'unauthenticated', `${secret} on /tokens`);
    }
    // the genuine one still works
    expect(await download(api, w, t.secret)).toBe(200);
  });

  test('lists: filters by status, pagination, only the caller\'s own tokens', async ({ api }) => {
    const w = await world(api);
    const cookie = w.owner.cookie;
    const active = await resourceToken(api, cookie, w.org, [{ repo: 'libs', access: 'read' }], { name: 'active-one' });
    const revoked = await resourceToken(api, cookie, w.org, [{ repo: 'libs', access: 'read' }], { name: 'revoked-one' });
    const expiring = await resourceToken(api, cookie, w.org, [{ repo: 'libs', access: 'read' }], {
      name: 'expired-one',
      expiresAt: new Date(Date.now() + 1_500).toISOString(),
    });
    const deleted = await resourceToken(api, cookie, w.org, [{ repo: 'libs', access: 'read' }], { name: 'deleted-one' });
    expect((await api.post(`/api/v1/tokens/${revoked.token.id}/revoke`, undefined, { cookie })).status).toBe(200);
    expect((await api.delete(`/api/v1/tokens/${deleted.token.id}`, { cookie })).status).toBe(204);
    await sleep(Math.max(0, Date.parse(expiring.token.expiresAt!) - Date.now() + 300));

    const all = await listTokens(api, cookie);
    expect(all.status, all.text).toBe(200);
    expect(all.json).toHaveProperty('nextCursor');
    const byId = new Map(all.json.items.map((t) => [t.id, t]));
    expect(byId.get(active.token.id)?.status).toBe('active');
    expect(byId.get(revoked.token.id)?.status).toBe('revoked');
    expect(byId.get(expiring.token.id)?.status).toBe('expired');
    expect(byId.has(deleted.token.id)).toBe(false);
    for (const item of all.json.items) {
      expect(item).toMatchObject({ prefix: 'tgp_', org: w.org });
      expect(item.lastFour).toMatch(/^[0-9A-Za-z]{4}$/);
      expect(item).not.toHaveProperty('secret');
    }
    for (const s of [active, revoked, expiring, deleted]) expect(all.text).not.toContain(s.secret);

    const only = async (status: string) => ids((await listTokens(api, cookie, `?status=${status}`)).json);
    const created = [active.token.id, revoked.token.id, expiring.token.id];
    expect((await only('active')).filter((id) => created.includes(id))).toEqual([active.token.id]);
    expect((await only('revoked')).filter((id) => created.includes(id))).toEqual([revoked.token.id]);
    expect((await only('expired')).filter((id) => created.includes(id))).toEqual([expiring.token.id]);
    for (const bad of ['?status=bogus', '?status=ACTIVE', '?limit=0', '?limit=201', '?limit=abc']) {
      expectError(await listTokens(api, cookie, bad), 400, 'invalid_request', `GET /tokens${bad}`);
    }
    // deleted: gone from GET too, and dead
    expectError(await getToken(api, cookie, deleted.token.id), 404, 'not_found', 'deleted token');
    expect(await download(api, w, deleted.secret)).toBe(401);
    expectError(await api.delete(`/api/v1/tokens/${deleted.token.id}`, { cookie }), 404, 'not_found', 'delete twice');

    // pagination walks every token exactly once
    for (let i = 0; i < 4; i++) await resourceToken(api, cookie, w.org, [{ repo: 'app', access: 'read' }], { name: `page-${i}` });
    const walked: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = cursor ? `?limit=2&cursor=${encodeURIComponent(cursor)}` : '?limit=2';
      const page: Page<Token> = (await listTokens(api, cookie, q)).json;
      expect(page.items.length).toBeLessThanOrEqual(2);
      walked.push(...ids(page));
      cursor = page.nextCursor;
      pages++;
      expect(pages).toBeLessThan(20);
    } while (cursor);
    expect(new Set(walked).size).toBe(walked.length);
    expect(walked.sort()).toEqual(ids((await listTokens(api, cookie, '?limit=200')).json).sort());
    expect(walked).toHaveLength(1 + 3 + 4); // the world's writer, active, revoked, expired, four pages

    // Another user sees none of them and cannot touch them.
    const other = await signup(api);
    const theirs = await listTokens(api, other.cookie);
    expect(theirs.status).toBe(200);
    expect(theirs.json.items).toEqual([]);
    for (const [method, p, body] of [
      ['GET', `/api/v1/tokens/${active.token.id}`, undefined],
      ['PATCH', `/api/v1/tokens/${active.token.id}`, { name: 'stolen' }],
      ['PATCH', `/api/v1/tokens/${active.token.id}`, { reissue: true }],
      ['POST', `/api/v1/tokens/${active.token.id}/revoke`, undefined],
      ['DELETE', `/api/v1/tokens/${active.token.id}`, undefined],
    ] as const) {
      expectError(await api.request(method, p, body, { cookie: other.cookie }), 404, 'not_found', `${method} ${p} by another user`);
    }
    expect(await download(api, w, active.secret)).toBe(200);
    expect((await getToken(api, cookie, active.token.id)).json.token.name).toBe('active-one');
    // and without a session, nothing at all
    expectError(await api.get('/api/v1/tokens'), 401, 'unauthenticated', 'anonymous list');
    expectError(await postToken(api, {}, { org: w.org, name: 'x', type: 'resource', resources: [{ repo: 'libs', access: 'read' }] }), 401, 'unauthenticated', 'anonymous create');
  });

  test('strange token ids, NUL characters and odd cursors never get a 5xx', async ({ api }) => {
    const w = await world(api);
    const t = await resourceToken(api, w.owner.cookie, w.org, [{ repo: 'libs', access: 'read' }]);
    for (const id of ['%2e%2e', '%00', '%E0%A4%A', 'x'.repeat(300), '__proto__', 'constructor', `${t.token.id}%20`, "1'%20OR%20'1'='1"]) {
      for (const [method, suffix, body] of [
        ['GET', '', undefined],
        ['PATCH', '', '{"name":"x"}'],
        ['DELETE', '', undefined],
        ['POST', '/revoke', undefined],
      ] as const) {
        const p = `/api/v1/tokens/${id}${suffix}`;
        const res = await rawRequest(api.url, method, p, { headers: { cookie: w.owner.cookie, 'content-type': 'application/json' }, body });
        // soft: one bad answer must not hide the others
        expect.soft(res.status, `${method} ${p}: ${res.text.slice(0, 200)}`).toBeLessThan(500);
        if (/%2e%2e/i.test(id) && res.status >= 300 && res.status < 400) continue; // Next's dot-segment redirect
        expect.soft(res.status, `${method} ${p}: ${res.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        expect.soft(res.headers.get('content-type') ?? '', `${method} ${p}: JSON error body`).toMatch(/application\/json/);
      }
    }
    // NUL characters inside otherwise valid JSON strings, and odd cursors: a 4xx or a success, never a 5xx
    const base = { org: w.org, type: 'resource', resources: [{ repo: 'libs', access: 'read' }] };
    for (const body of [
      { ...base, name: 'a\u0000b' },
      { ...base, name: 'ok', description: 'd\u0000' },
      { ...base, name: 'ok', org: `${w.org}\u0000` },
      { ...base, name: 'ok', resources: [{ repo: 'libs\u0000', access: 'read' }] },
      { org: w.org, name: 'ok', type: 'scope', scopes: ['repo:view'], repositories: ['libs\u0000'] },
    ]) {
      const res = await postToken(api, { cookie: w.owner.cookie }, body);
      expect.soft(res.status, `POST /tokens ${JSON.stringify(body)}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
    }
    const patched = await api.patch(`/api/v1/tokens/${t.token.id}`, { description: 'x\u0000y' }, { cookie: w.owner.cookie });
    expect.soft(patched.status, `PATCH description with NUL: ${patched.text.slice(0, 300)}`).toBeLessThan(500);
    for (const cursor of ['%00', 'does-not-exist', 'x'.repeat(100)]) {
      const res = await rawRequest(api.url, 'GET', `/api/v1/tokens?cursor=${cursor}`, { headers: { cookie: w.owner.cookie } });
      expect.soft(res.status, `GET /tokens?cursor=${cursor}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
    }
    // the real token is untouched
    const got = await getToken(api, w.owner.cookie, t.token.id);
    expect(got.json.token).toMatchObject({ name: t.token.name, status: 'active' });
    expect(await download(api, w, t.secret)).toBe(200);
  });

  test('last use time and address are recorded', async ({ api }) => {
    const w = await world(api);
    const native = await resourceToken(api, w.owner.cookie, w.org, [{ repo: 'libs', access: 'read' }]);
    const management = await resourceToken(api, w.owner.cookie, w.org, [{ repo: 'libs', access: 'read' }]);
    expect(native.token.lastUsedAt).toBeNull();
    expect(native.token.lastUsedAddress).toBeNull();

    const before = Date.now();
    expect(await download(api, w, native.secret)).toBe(200);
    expect((await api.get(`/api/v1/orgs/${w.org}/repos/libs`, { token: management.secret })).status).toBe(200);
    const after = Date.now();

    for (const t of [native, management]) {
      const seen = await poll(async () => {
        const got = await getToken(api, w.owner.cookie, t.token.id);
        return got.json.token.lastUsedAt ? got.json.token : null;
      }, 10_000);
      expect(seen, `lastUsedAt of ${t.token.name}`).toBeTruthy();
      const at = Date.parse(seen!.lastUsedAt!);
      expect(at).toBeGreaterThanOrEqual(before - 1_000);
      expect(at).toBeLessThanOrEqual(after + 5_000);
      expect(seen!.lastUsedAddress).toMatch(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
      // also in the list
      const listed = (await listTokens(api, w.owner.cookie)).json.items.find((x) => x.id === t.token.id);
      expect(listed?.lastUsedAt).toBe(seen!.lastUsedAt);
    }
    // without TRUST_PROXY, a client's X-Forwarded-For is not believed
    const spoofed = await resourceToken(api, w.owner.cookie, w.org, [{ repo: 'libs', access: 'read' }]);
    const r = await curlGet(api.url, rawPath(w.org, 'libs', w.file), { form: 'bearer', token: spoofed.secret }, ['--header', 'X-Forwarded-For: 203.0.113.9']);
    expect(r.status).toBe(200);
    const spoofSeen = await poll(async () => (await getToken(api, w.owner.cookie, spoofed.token.id)).json.token.lastUsedAddress, 10_000);
    expect(spoofSeen).toMatch(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);

    // recorded at most once a minute: an immediate second use does not rewrite it
    const first = (await getToken(api, w.owner.cookie, native.token.id)).json.token.lastUsedAt;
    expect(await download(api, w, native.secret)).toBe(200);
    await sleep(1_000);
    expect((await getToken(api, w.owner.cookie, native.token.id)).json.token.lastUsedAt).toBe(first);
    // a token never used stays null
    const unused = await resourceToken(api, w.owner.cookie, w.org, [{ repo: 'libs', access: 'read' }]);
    await sleep(300);
    expect((await getToken(api, w.owner.cookie, unused.token.id)).json.token.lastUsedAt).toBeNull();
  });
});

test.describe('tokens on the management API', () => {
  test('a scope token with repo:create creates a repository; without it, 403 insufficient_scope', async ({ api }) => {
    const w = await world(api);
    const creator = await scopeToken(api, w.owner.cookie, w.org, ['repo:create'], '*');
    const name = `made-by-token-${uid()}`;
    const res = await api.post<Repo>(`/api/v1/orgs/${w.org}/repos`, { name, format: 'raw' }, { token: creator.secret });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ name, format: 'raw' });
    const seen = await api.get<Repo>(`/api/v1/orgs/${w.org}/repos/${name}`, { cookie: w.owner.cookie });
    expect(seen.status).toBe(200);
    expect(seen.json.id).toBe(res.json.id);

    // (listing an org's repositories takes org.member:view, an organization scope)
    const viewer = await scopeToken(api, w.owner.cookie, w.org, ['org.member:view', 'repo:view', 'artifact:view'], '*');
    expectError(await api.post(`/api/v1/orgs/${w.org}/repos`, { name: `nope-${uid()}`, format: 'raw' }, { token: viewer.secret }), 403, 'insufficient_scope', 'no repo:create');
    // what the viewer token may do
    const list = await api.get<Page<Repo>>(`/api/v1/orgs/${w.org}/repos`, { token: viewer.secret });
    expect(list.status, list.text).toBe(200);
    expect(list.json.items.map((r) => r.name)).toEqual(expect.arrayContaining(['libs', 'app', name]));
    const files = await api.get<Page<{ path: string }>>(`/api/v1/orgs/${w.org}/repos/libs/files`, { token: viewer.secret });
    expect(files.json.items.map((f) => f.path)).toEqual([w.file]);
    // and may not
    expectError(await api.delete(`/api/v1/orgs/${w.org}/repos/libs/files/${w.file}`, { token: viewer.secret }), 403, 'insufficient_scope', 'viewer deletes a file');
    expectError(await api.patch(`/api/v1/orgs/${w.org}/repos/libs`, { description: 'x' }, { token: viewer.secret }), 403, 'insufficient_scope', 'viewer edits');
    expect((await download(api, w, viewer.secret))).toBe(403);

    // A member's scope token with repo:create: the member becomes admin of what the token creates.
    const member = await addMember(api, w.owner.cookie, w.org, 'member', 'creator');
    const memberCookie = await signIn(api, member.email, member.password);
    const memberToken = await scopeToken(api, memberCookie, w.org, ['repo:create'], '*');
    const made = await api.post<Repo>(`/api/v1/orgs/${w.org}/repos`, { name: `member-${uid()}`, format: 'raw' }, { token: memberToken.secret });
    expect(made.status, made.text).toBe(201);
    const asMember = await api.get<Repo>(`/api/v1/orgs/${w.org}/repos/${made.json.name}`, { cookie: memberCookie });
    expect(asMember.json.permissions).toEqual(expect.arrayContaining(['repo:delete', 'repo.member:edit', 'artifact:download']));
  });

  test('a resource token reads what it covers and gets 403 insufficient_scope on /api/v1/tokens', async ({ api }) => {
    const w = await world(api);
    const t = await resourceToken(api, w.owner.cookie, w.org, [{ repo: 'libs', access: 'read' }]);
    const repo = await api.get<Repo>(`/api/v1/orgs/${w.org}/repos/libs`, { token: t.secret });
    expect(repo.status, repo.text).toBe(200);
    expect([...repo.json.permissions].sort()).toEqual(['artifact:download', 'artifact:view', 'repo:view']);
    expectError(await api.get(`/api/v1/orgs/${w.org}/repos/app`, { token: t.secret }), 404, 'not_found', 'uncovered repository');
    expectError(await api.get('/api/v1/tokens', { token: t.secret }), 403, 'insufficient_scope', 'resource token lists tokens');
    expectError(await api.get(`/api/v1/tokens/${t.token.id}`, { token: t.secret }), 403, 'insufficient_scope', 'resource token reads itself');
    expectError(await api.post(`/api/v1/orgs/${w.org}/repos`, { name: `x-${uid()}`, format: 'raw' }, { token: t.secret }), 403, undefined, 'resource token creates a repo');
    expect([403, 404]).toContain((await api.post(`/api/v1/tokens/${t.token.id}/revoke`, undefined, { token: t.secret })).status);
    expect(await download(api, w, t.secret)).toBe(200);

    // A token opens nothing in another organization, even one its owner owns.
    const second = await api.post<{ slug: string }>('/api/v1/orgs', { name: 'Second', slug: `second-${uid()}` }, { cookie: w.owner.cookie });
    expect(second.status, second.text).toBe(201);
    await createRepo(api, { cookie: w.owner.cookie }, second.json.slug, { name: 'libs', format: 'raw', visibility: 'private' });
    const everything = await resourceToken(api, w.owner.cookie, w.org, [{ repo: '*', access: 'manage' }]);
    expectError(await api.get(`/api/v1/orgs/${second.json.slug}/repos/libs`, { token: everything.secret }), 404, 'not_found', 'other org repo');
    const put = await curlPut(api.url, rawPath(second.json.slug, 'libs', 'x.bin'), payload('x'), { form: 'bearer', token: everything.secret });
    expect(put.status, shown(put)).toBe(404);
  });

  test('a token cannot mint tokens: create and reissue need a session (403)', async ({ api }) => {
    const w = await world(api);
    const tokenAdmin = await scopeToken(api, w.owner.cookie, w.org, ['token:view', 'token:edit', 'repo:create'], '*');
    const resource = await resourceToken(api, w.owner.cookie, w.org, [{ repo: '*', access: 'manage' }]);
    const body = { org: w.org, name: 'minted', type: 'resource', resources: [{ repo: 'libs', access: 'read' }] };
    for (const t of [tokenAdmin, resource]) {
      const res = await postToken(api, { token: t.secret }, body);
      expectError(res, 403, undefined, `POST /tokens with ${t.token.type} token`);
      const reissue = await api.patch(`/api/v1/tokens/${t.token.id}`, { reissue: true }, { token: t.secret });
      expectError(reissue, 403, undefined, `reissue with ${t.token.type} token`);
      // a token and a session cookie together: the token is the credential
      const both = await postToken(api, { token: t.secret, cookie: w.owner.cookie }, body);
      expect(both.status, both.text).toBe(403);
    }
    // nothing minted, and both secrets unchanged
    const list = await listTokens(api, w.owner.cookie);
    expect(list.json.items.filter((t) => t.name === 'minted')).toEqual([]);
    expect(await download(api, w, resource.secret)).toBe(200);
    expect((await api.get(`/api/v1/orgs/${w.org}/repos`, { token: tokenAdmin.secret })).status).not.toBe(401);
  });
});

test.describe('evaluated at every request', () => {
  test('a scope token shrinks with its user: developer → reader → no role', async ({ api }) => {
    const w = await world(api);
    const member = await addMember(api, w.owner.cookie, w.org, 'member', 'dev');
    await setRepoRole(api, { cookie: w.owner.cookie }, w.org, 'libs', member.user.id, 'developer');
    const cookie = await signIn(api, member.email, member.password);
    const t = await scopeToken(api, cookie, w.org, ['repo:view', 'artifact:download', 'artifact:create'], ['libs']);
    const cred = { form: 'bearer' as const, token: t.secret };
    expect(await download(api, w, t.secret)).toBe(200);
    await upload(api.url, w.org, 'libs', `dev-${uid()}.bin`, payload('as developer'), cred);

    await setRepoRole(api, { cookie: w.owner.cookie }, w.org, 'libs', member.user.id, 'reader');
    expect(await download(api, w, t.secret)).toBe(200);
    const put = await curlPut(api.url, rawPath(w.org, 'libs', `reader-${uid()}.bin`), payload('as reader'), cred);
    expect(put.status, shown(put)).toBe(403);
    expect(errorCode(put)).toBe('insufficient_scope');

    const removed = await api.delete(`/api/v1/orgs/${w.org}/repos/libs/members/${member.user.id}`, { cookie: w.owner.cookie });
    expect(removed.status, removed.text).toBe(204);
    expect(await download(api, w, t.secret)).toBe(404);
    expect((await curlPut(api.url, rawPath(w.org, 'libs', `none-${uid()}.bin`), payload('none'), cred)).status).toBe(404);

    // promoting the user again widens the token back, up to its grant (never beyond it)
    await setRepoRole(api, { cookie: w.owner.cookie }, w.org, 'libs', member.user.id, 'admin');
    expect(await download(api, w, t.secret)).toBe(200);
    expect([403, 404]).toContain((await api.delete(`/api/v1/orgs/${w.org}/repos/libs/files/${w.file}`, { token: t.secret })).status);
    expect(await download(api, w, t.secret)).toBe(200);
  });

  test('an org role change applies to tokens at once: org admin → member → admin', async ({ api }) => {
    const w = await world(api);
    const admin = await addMember(api, w.owner.cookie, w.org, 'admin', 'orgadmin');
    const cookie = await signIn(api, admin.email, admin.password);
    const t = await resourceToken(api, cookie, w.org, [{ repo: '*', access: 'manage' }]);
    expect(await download(api, w, t.secret)).toBe(200);
    const role = async (r: string) => {
      const res = await api.patch(`/api/v1/orgs/${w.org}/members/${admin.user.id}`, { role: r }, { cookie: w.owner.cookie });
      expect(res.status, res.text).toBe(200);
    };
    await role('member');
    expect(await download(api, w, t.secret)).toBe(404);
    expectError(await api.get(`/api/v1/orgs/${w.org}/repos/libs`, { token: t.secret }), 404, 'not_found', 'token of a demoted admin');
    await role('admin');
    expect(await download(api, w, t.secret)).toBe(200);
  });

  test('a deleted and re-created repository of the same name is not covered by old grants', async ({ api }) => {
    const w = await world(api);
    const named = await resourceToken(api, w.owner.cookie, w.org, [{ repo: 'libs', access: 'read' }]);
    const scoped = await scopeToken(api, w.owner.cookie, w.org, ['repo:view', 'artifact:download'], ['libs']);
    const star = await resourceToken(api, w.owner.cookie, w.org, [{ repo: '*', access: 'read' }]);
    const starScope = await scopeToken(api, w.owner.cookie, w.org, ['repo:view', 'artifact:download'], '*');
    for (const t of [named, scoped, star, starScope]) expect(await download(api, w, t.secret)).toBe(200);

    const del = await api.delete(`/api/v1/orgs/${w.org}/repos/libs`, { cookie: w.owner.cookie });
    expect(del.status, del.text).toBe(204);
    await createRepo(api, { cookie: w.owner.cookie }, w.org, { name: 'libs', format: 'raw', visibility: 'private' });
    const writer = await resourceToken(api, w.owner.cookie, w.org, [{ repo: 'libs', access: 'upload' }]);
    const bytes = payload('the new libs');
    await upload(api.url, w.org, 'libs', w.file, bytes, { form: 'bearer', token: writer.secret });

    // grants that named the old repository do not reach the new one
    for (const t of [named, scoped]) {
      for (const form of CRED_FORMS) {
        const r = await curlGet(api.url, rawPath(w.org, 'libs', w.file), { form, token: t.secret });
        expect(r.status, shown(r)).toBe(404);
        expect(r.body.includes(Buffer.from('the new libs'))).toBe(false);
      }
      expectError(await api.get(`/api/v1/orgs/${w.org}/repos/libs`, { token: t.secret }), 404, 'not_found', 'old grant on the API');
    }
    // "*" covers every current and future repository of the org
    for (const t of [star, starScope]) {
      const r = await curlGet(api.url, rawPath(w.org, 'libs', w.file), { form: 'basic', token: t.secret });
      expect(r.status, shown(r)).toBe(200);
      expect(sha256(r.body)).toBe(sha256(bytes));
    }
    // the old tokens no longer name the repository in their grants
    const namedNow = (await getToken(api, w.owner.cookie, named.token.id)).json.token;
    expect(namedNow.resources ?? []).not.toContainEqual({ repo: 'libs', access: 'read' });
    const scopedNow = (await getToken(api, w.owner.cookie, scoped.token.id)).json.token;
    expect(scopedNow.repositories).not.toContain('libs');
  });
});
