/**
 * Personal access tokens, creating them (docs/permissions.md "Credentials" / "Personal access tokens", docs/http.md
 * "Personal access tokens"): resource and scope tokens, the secret shown once, expiry on creation,
 * validation, the "not more than you hold" rule, and the list of permission scopes. Native use goes
 * through the real `curl` binary on the raw route.
 */
import { test, expect } from '../support/fixtures';
import { addMember, detailPaths, expectError, signIn, signup } from './helpers';
import { CRED_FORMS, PAT_RE, createToken, postToken, resourceToken, scopeToken, setRepoRole } from './pat-helpers';
import { download, getToken, ids, listTokens, near, world } from './tokens-helpers';

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
