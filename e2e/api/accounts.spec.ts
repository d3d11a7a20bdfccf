/**
 * Accounts: sign-up, sign-in, sign-out, the current user, closed sign-up, unknown API paths and
 * the OpenAPI document (docs/http.md "Accounts and organizations", "Conventions").
 */
import { test, expect } from '../support/fixtures';
import { startServer } from '../support/server';
import { createApi } from '../support/fixtures';
import {
  PASSWORD,
  detailPaths,
  expectError,
  signIn,
  signup,
  signupInput,
  uid,
  uniqueEmail,
  uniqueSlug,
  whoami,
} from './helpers';

test.describe('sign-up', () => {
  test('creates the user and their org, signs them in, lower-cases the e-mail', async ({ api }) => {
    const id = uid();
    const input = signupInput({ email: `Mixed.Case-${id}@Example.TEST`, name: `Ada ${id}`, orgName: `Ada Corp ${id}` });
    const res = await api.post<{ user: { id: string; email: string; name: string }; org: Record<string, unknown> }>('/api/v1/signup', input);
    expect(res.status, res.text).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.json.user).toEqual({ id: expect.any(String), email: `mixed.case-${id}@example.test`, name: `Ada ${id}` });
    expect(res.json.user.id.length).toBeGreaterThan(0);
    expect(res.json.org).toEqual({ slug: input.orgSlug, name: input.orgName, role: 'owner' });
    expect(res.json).not.toHaveProperty('user.passwordHash');
    expect(res.text).not.toContain(PASSWORD);

    // the session cookie: HttpOnly, SameSite, whole site
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('next-auth.session-token='));
    expect(setCookie, 'Set-Cookie next-auth.session-token').toBeTruthy();
    expect(setCookie!).toMatch(/;\s*HttpOnly/i);
    expect(setCookie!).toMatch(/;\s*SameSite=(Lax|Strict)/i);
    expect(setCookie!).toMatch(/;\s*Path=\//i);

    const me = await whoami(api, res.cookie);
    expect(me.status, me.text).toBe(200);
    expect(me.json).toEqual({
      id: res.json.user.id,
      email: `mixed.case-${id}@example.test`,
      name: `Ada ${id}`,
      orgs: [{ slug: input.orgSlug, name: input.orgName, role: 'owner' }],
    });

    // the new user can sign in with the lower-cased address and with the original spelling
    await signIn(api, `mixed.case-${id}@example.test`, input.password);
    await signIn(api, input.email, input.password);
  });

  test('passwords need 12 characters or more', async ({ api }) => {
    const short = await api.post('/api/v1/signup', signupInput({ password: 'x'.repeat(11) }));
    expectError(short, 400, 'invalid_request');
    expect(detailPaths(short)).toEqual(['password']);

    const exactly12 = signupInput({ password: 'abcdefghijkl' });
    const ok = await api.post('/api/v1/signup', exactly12);
    expect(ok.status, ok.text).toBe(201);
    await signIn(api, exactly12.email, 'abcdefghijkl');
  });

  test('every missing or invalid field is reported with its path', async ({ api }) => {
    const empty = await api.post('/api/v1/signup', {});
    expectError(empty, 400, 'invalid_request');
    expect(detailPaths(empty).sort()).toEqual(['email', 'name', 'orgName', 'orgSlug', 'password']);

    const bad = await api.post('/api/v1/signup', signupInput({ email: 'not-an-email', name: '', orgName: '   ' }));
    expectError(bad, 400, 'invalid_request');
    expect(detailPaths(bad).sort()).toEqual(['email', 'name', 'orgName']);
  });

  test('a duplicate e-mail (in any case) is 409 on email; a duplicate slug is 409 on orgSlug', async ({ api }) => {
    const first = await signup(api);

    const sameEmail = await api.post('/api/v1/signup', signupInput({ email: first.email.toUpperCase() }));
    expectError(sameEmail, 409, 'conflict');
    expect(detailPaths(sameEmail)).toEqual(['email']);

    const sameSlug = await api.post('/api/v1/signup', signupInput({ orgSlug: first.org.slug }));
    expectError(sameSlug, 409, 'conflict');
    expect(detailPaths(sameSlug)).toEqual(['orgSlug']);

    const both = await api.post('/api/v1/signup', signupInput({ email: first.email, orgSlug: first.org.slug }));
    expectError(both, 409, 'conflict');
    expect(detailPaths(both).sort()).toEqual(['email', 'orgSlug']);

    // nothing of the refused sign-ups was created: the slug still belongs to the first org only
    const org = await api.get<{ name: string }>(`/api/v1/orgs/${first.org.slug}`, { cookie: first.cookie });
    expect(org.status).toBe(200);
    expect(org.json.name).toBe(first.org.name);
  });

  test('org slugs: 2–39 characters of [a-z0-9-], reserved words refused', async ({ api }) => {
    const refused = ['a', 'x'.repeat(40), 'has space', 'under_score', 'dot.ted', 'slash/ed', 'ümlaut', 'api', 'signin'];
    for (const orgSlug of refused) {
      const res = await api.post('/api/v1/signup', signupInput({ orgSlug }));
      expectError(res, 400, 'invalid_request', `orgSlug ${JSON.stringify(orgSlug)}`);
      expect(detailPaths(res), `orgSlug ${JSON.stringify(orgSlug)}`).toEqual(['orgSlug']);
    }

    const max = `m${uid()}`.padEnd(39, '9');
    expect(max).toHaveLength(39);
    const longest = await signup(api, { orgSlug: max });
    expect(longest.org.slug).toBe(max);

    // 2 characters: the space is small, so retry on a taken one
    let shortest: string | undefined;
    for (let i = 0; i < 20 && !shortest; i++) {
      const slug = uid().slice(-2);
      const res = await api.post<{ org: { slug: string } }>('/api/v1/signup', signupInput({ orgSlug: slug }));
      if (res.status === 409) continue;
      expect(res.status, res.text).toBe(201);
      shortest = res.json.org.slug;
      expect(shortest).toBe(slug);
    }
    expect(shortest).toBeTruthy();

    const hyphens = await signup(api, { orgSlug: `a-b-${uid()}` });
    expect(hyphens.org.slug).toMatch(/^a-b-/);
  });
});

test.describe('sign-in and sign-out', () => {
  test('right password: 200 {user} and a working session cookie', async ({ api }) => {
    const acct = await signup(api);
    const res = await api.post<{ user: unknown }>('/api/v1/session', { email: acct.email, password: acct.password });
    expect(res.status, res.text).toBe(200);
    expect(res.json.user).toEqual(acct.user);
    expect(res.cookie).toContain('next-auth.session-token=');
    const me = await whoami(api, res.cookie);
    expect(me.status).toBe(200);
    expect(me.json.id).toBe(acct.user.id);
  });

  test('wrong password and unknown e-mail are the same 401', async ({ api }) => {
    const acct = await signup(api);
    const wrong = await api.post('/api/v1/session', { email: acct.email, password: 'wrong password, clearly' });
    const wrongBody = expectError(wrong, 401, 'unauthenticated');
    expect(wrong.cookie).not.toContain('next-auth.session-token=ey');

    const unknown = await api.post('/api/v1/session', { email: uniqueEmail('nobody'), password: 'whatever password' });
    const unknownBody = expectError(unknown, 401, 'unauthenticated');
    // no account enumeration through the message
    expect(unknownBody.error.message).toBe(wrongBody.error.message);
  });

  test('missing fields are 400 with details', async ({ api }) => {
    const res = await api.post('/api/v1/session', {});
    expectError(res, 400, 'invalid_request');
    expect(detailPaths(res).sort()).toEqual(['email', 'password']);
  });

  test('DELETE /session: 204, clears the cookie, the old cookie stops working; other sessions live on', async ({ api }) => {
    const acct = await signup(api);
    const other = await signIn(api, acct.email, acct.password);

    const out = await api.delete('/api/v1/session', { cookie: acct.cookie });
    expect(out.status, out.text).toBe(204);
    expect(out.text).toBe('');
    const cleared = out.headers.getSetCookie().find((c) => c.startsWith('next-auth.session-token='));
    expect(cleared, 'Set-Cookie clearing the session').toBeTruthy();
    expect(cleared!).toMatch(/^next-auth\.session-token=;|Max-Age=0|Expires=Thu, 01 Jan 1970/i);

    expectError(await whoami(api, acct.cookie), 401, 'unauthenticated', 'signed-out cookie');
    const still = await whoami(api, other);
    expect(still.status, 'another session of the same user').toBe(200);
  });

  test('GET /user: 401 without a session, with a bearer, with a forged cookie', async ({ api }) => {
    expectError(await api.get('/api/v1/user'), 401, 'unauthenticated', 'no credentials');
    expectError(await api.get('/api/v1/user', { token: 'anything' }), 401, 'unauthenticated', 'bearer');
    expectError(await api.get('/api/v1/user', { token: `tgp_${'A'.repeat(38)}` }), 401, 'unauthenticated', 'pat-shaped bearer');
    expectError(await api.get('/api/v1/user', { cookie: 'next-auth.session-token=forged' }), 401, 'unauthenticated', 'forged cookie');

    // a session cookie of another server (another AUTH_SECRET) is not accepted either
    const acct = await signup(api);
    const tampered = acct.cookie.replace(/=(.)(.*)$/, (_m, first: string, rest: string) => `=${first === 'e' ? 'f' : 'e'}${rest}`);
    expectError(await whoami(api, tampered), 401, 'unauthenticated', 'tampered cookie');
  });
});

test.describe('unknown paths and the OpenAPI document', () => {
  test('unknown /api/v1/* paths answer 404 not_found JSON for every method', async ({ api }) => {
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
      for (const p of ['/api/v1/nope', '/api/v1/orgs/x/nope/y/z', `/api/v1/${uid()}`]) {
        const res = await api.request(method, p, method === 'GET' || method === 'DELETE' ? undefined : {});
        expectError(res, 404, 'not_found', `${method} ${p}`);
      }
    }
  });

  test('GET /openapi.json is OpenAPI 3.1 and describes every endpoint', async ({ api }) => {
    const res = await api.get<{ openapi: string; paths: Record<string, Record<string, unknown>>; info?: unknown }>('/api/v1/openapi.json');
    expect(res.status, res.text.slice(0, 300)).toBe(200);
    expect(res.json.openapi).toMatch(/^3\.1\./);
    expect(res.json.info).toBeTruthy();
    // compare templates without parameter names: /api/v1/orgs/{org} ~ /api/v1/orgs/{}
    const norm = (p: string) => p.replace(/\{[^}]*\}/g, '{}').replace(/\/+$/, '');
    const paths = new Map<string, Set<string>>();
    for (const [p, item] of Object.entries(res.json.paths ?? {})) {
      const key = norm(p.startsWith('/api/v1') ? p : `/api/v1${p}`);
      const methods = paths.get(key) ?? new Set<string>();
      for (const m of Object.keys(item)) methods.add(m.toLowerCase());
      paths.set(key, methods);
    }
    const expected: [string, string][] = [
      ['post', '/api/v1/signup'],
      ['post', '/api/v1/session'],
      ['delete', '/api/v1/session'],
      ['get', '/api/v1/user'],
      ['post', '/api/v1/orgs'],
      ['get', '/api/v1/orgs/{}'],
      ['patch', '/api/v1/orgs/{}'],
      ['get', '/api/v1/orgs/{}/members'],
      ['patch', '/api/v1/orgs/{}/members/{}'],
      ['delete', '/api/v1/orgs/{}/members/{}'],
      ['post', '/api/v1/orgs/{}/invitations'],
      ['get', '/api/v1/orgs/{}/invitations'],
      ['delete', '/api/v1/orgs/{}/invitations/{}'],
      ['get', '/api/v1/invitations/{}'],
      ['post', '/api/v1/invitations/{}/accept'],
    ];
    const missing = expected.filter(([m, p]) => !paths.get(p)?.has(m)).map(([m, p]) => `${m.toUpperCase()} ${p}`);
    expect(missing, `operations missing from openapi.json (has: ${[...paths.keys()].join(', ')})`).toEqual([]);
  });
});

test.describe('closed sign-up (SIGNUP=closed)', () => {
  test('only the first user signs up; later users come in by invitation', async () => {
  test.setTimeout(120_000); // starts its own server
    const server = await startServer({ env: { SIGNUP: 'closed' } });
    try {
      const api = createApi(server.url);
      const first = await signup(api);

      const second = await api.post('/api/v1/signup', signupInput());
      expectError(second, 403, 'forbidden');
      // nor does an attempt with the first user's own data sneak through
      expectError(await api.post('/api/v1/signup', signupInput({ email: first.email })), 403);

      // signed-in users still create orgs, and invitations still add users
      const slug = uniqueSlug('closed');
      const org = await api.post('/api/v1/orgs', { name: 'Second org', slug }, { cookie: first.cookie });
      expect(org.status, org.text).toBe(201);

      const email = uniqueEmail('invitee');
      const inv = await api.post<{ acceptUrl: string }>(`/api/v1/orgs/${first.org.slug}/invitations`, { email, role: 'member' }, { cookie: first.cookie });
      expect(inv.status, inv.text).toBe(201);
      const secret = inv.json.acceptUrl.split('/').pop()!;
      const accepted = await api.post<{ user: { email: string }; org: { slug: string; role: string } }>(
        `/api/v1/invitations/${secret}/accept`,
        { name: 'Invited Person', password: PASSWORD },
      );
      expect(accepted.status, accepted.text).toBe(200);
      expect(accepted.json.user.email).toBe(email);
      expect(accepted.json.org).toMatchObject({ slug: first.org.slug, role: 'member' });
      const me = await whoami(api, accepted.cookie);
      expect(me.status).toBe(200);
      await signIn(api, email, PASSWORD);
    } finally {
      await server.stop();
    }
  });
});
