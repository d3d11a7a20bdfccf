/**
 * Malformed request bodies against every management endpoint that takes one (docs/http.md "Conventions":
 * no request, however malformed, gets a 500 or a stack trace; errors have the `{"error": {…}}` shape).
 * Bodies that are not JSON or not objects, wrong types, huge and strange strings, prototype pollution,
 * unicode and control characters, slugs.
 */
import { test, expect, type ApiResponse } from '../support/fixtures';
import {
  PASSWORD,
  detailPaths,
  expectError,
  expectErrorShape,
  invite,
  rawRequest,
  signup,
  signupInput,
  uid,
  uniqueEmail,
  uniqueSlug,
  whoami,
} from './helpers';
import { expectIntact, world, type World } from './malformed-helpers';

type BodyEndpoint = { name: string; method: string; path: (w: World) => string; cookie: (w: World) => string | undefined; valid: (w: World) => Record<string, unknown> };

/** Every endpoint that takes a body, with a valid body to corrupt field by field. */
const BODY_ENDPOINTS: BodyEndpoint[] = [
  { name: 'POST /signup', method: 'POST', path: () => '/api/v1/signup', cookie: () => undefined, valid: () => ({ ...signupInput() }) },
  { name: 'POST /session', method: 'POST', path: () => '/api/v1/session', cookie: () => undefined, valid: (w) => ({ email: w.owner.email, password: w.owner.password }) },
  { name: 'POST /orgs', method: 'POST', path: () => '/api/v1/orgs', cookie: (w) => w.owner.cookie, valid: () => ({ name: 'Valid', slug: uniqueSlug() }) },
  // valid but harmless: the org's own name and the default visibility it already has
  { name: 'PATCH /orgs/{org}', method: 'PATCH', path: (w) => `/api/v1/orgs/${w.slug}`, cookie: (w) => w.owner.cookie, valid: (w) => ({ name: w.owner.org.name, settings: { defaultVisibility: w.visibility } }) },
  { name: 'PATCH /orgs/{org}/members/{userId}', method: 'PATCH', path: (w) => `/api/v1/orgs/${w.slug}/members/${w.member.user.id}`, cookie: (w) => w.owner.cookie, valid: () => ({ role: 'admin' }) },
  {
    name: 'POST /orgs/{org}/invitations',
    method: 'POST',
    path: (w) => `/api/v1/orgs/${w.slug}/invitations`,
    cookie: (w) => w.owner.cookie,
    valid: () => ({ email: uniqueEmail(), role: 'member', repositories: [{ repo: 'r', role: 'reader' }] }),
  },
  { name: 'POST /invitations/{secret}/accept', method: 'POST', path: (w) => `/api/v1/invitations/${w.inv.secret}/accept`, cookie: () => undefined, valid: () => ({ name: 'New Person', password: PASSWORD }) },
];

/** Bodies no endpoint accepts, sent verbatim with Content-Type: application/json. */
const BAD_RAW_BODIES: string[] = [
  'hello',
  '{',
  '{"email":',
  "{'email': 'a@b.c'}",
  '{"a":1,}',
  '{"a":1}{"b":2}',
  '<?xml version="1.0"?><signup/>',
  'email=a%40b.c&password=123456789012',
  'NaN',
  'undefined',
  '\u0000',
  '\uFEFF{}x',
  '[]',
  '[{}]',
  '"a string"',
  '""',
  '123',
  '-0',
  '1e999',
  'true',
  'false',
  'null',
  '[' .repeat(5000) + ']'.repeat(5000),
  '{"a":'.repeat(3000) + '1' + '}'.repeat(3000),
];

const isEmptyObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;

const WRONG_TYPES: unknown[] = [12345, -1.5, true, false, [], ['x'], {}, { $ne: null }, null];

test.describe('malformed bodies', () => {
  test('non-JSON and non-object bodies are 400 invalid_request on every endpoint that takes a body', async ({ api }) => {
    test.setTimeout(120_000);
    const w = await world(api);
    for (const ep of BODY_ENDPOINTS) {
      for (const body of BAD_RAW_BODIES) {
        const res = await api.request(ep.method, ep.path(w), body, { cookie: ep.cookie(w) });
        expectError(res, 400, 'invalid_request', `${ep.name} with body ${JSON.stringify(body.slice(0, 40))}`);
      }
      // binary garbage
      const bin = await rawRequest(api.url, ep.method, ep.path(w), {
        headers: { 'content-type': 'application/json', ...(ep.cookie(w) ? { cookie: ep.cookie(w)! } : {}) },
        body: Buffer.from([0xff, 0xfe, 0x00, 0x81, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1]),
      });
      expectError(bin, 400, 'invalid_request', `${ep.name} with binary body`);
    }
    await expectIntact(api, w);
  });

  test('a body of another content type is not taken for valid JSON fields', async ({ api }) => {
    const w = await world(api);
    for (const ep of BODY_ENDPOINTS) {
      for (const [type, body] of [
        ['application/x-www-form-urlencoded', 'name=x&role=owner&email=a%40b.c'],
        ['multipart/form-data; boundary=XyZ', '--XyZ\r\nContent-Disposition: form-data; name="role"\r\n\r\nowner\r\n--XyZ--\r\n'],
        ['text/plain', 'role=owner'],
      ] as const) {
        const res = await rawRequest(api.url, ep.method, ep.path(w), {
          headers: { 'content-type': type, ...(ep.cookie(w) ? { cookie: ep.cookie(w)! } : {}) },
          body,
        });
        expect(res.status, `${ep.name} as ${type}: ${res.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${ep.name} as ${type}`).toBeLessThan(500);
        expectErrorShape(res, `${ep.name} as ${type}`);
      }
    }
    await expectIntact(api, w);
  });

  test('a missing body is 400 with a detail per required field', async ({ api }) => {
    const w = await world(api);
    const required: Record<string, string[]> = {
      'POST /signup': ['email', 'name', 'orgName', 'orgSlug', 'password'],
      'POST /session': ['email', 'password'],
      'POST /orgs': ['name', 'slug'],
      'PATCH /orgs/{org}/members/{userId}': ['role'],
      'POST /orgs/{org}/invitations': ['email', 'role'],
      'POST /invitations/{secret}/accept': ['name', 'password'],
    };
    for (const ep of BODY_ENDPOINTS) {
      const want = required[ep.name];
      if (!want) continue; // PATCH /orgs/{org}: every field is optional
      for (const body of [undefined, '', '   ', '{}']) {
        const res = await api.request(ep.method, ep.path(w), body, { cookie: ep.cookie(w) });
        expectError(res, 400, 'invalid_request', `${ep.name} with body ${JSON.stringify(body)}`);
        expect(detailPaths(res).sort(), `${ep.name} with body ${JSON.stringify(body)}`).toEqual(want);
      }
    }
    await expectIntact(api, w);
  });

  test('wrong types in any field are 400 with that field\'s path', async ({ api }) => {
    test.setTimeout(120_000);
    const w = await world(api);
    const fieldsOf = (v: Record<string, unknown>) => Object.keys(v);
    for (const ep of BODY_ENDPOINTS) {
      for (const field of fieldsOf(ep.valid(w))) {
        for (const wrong of WRONG_TYPES) {
          const body = { ...ep.valid(w), [field]: wrong };
          const res = await api.request(ep.method, ep.path(w), body, { cookie: ep.cookie(w) });
          const context = `${ep.name} with ${field}=${JSON.stringify(wrong)}`;
          // the only "wrong" values that are right: an empty repositories list, an empty settings object
          if (field === 'repositories' && Array.isArray(wrong) && wrong.length === 0) {
            expect(res.status, `${context}: ${res.text}`).toBe(201);
            continue;
          }
          if (field === 'settings' && isEmptyObject(wrong)) {
            expect(res.status, `${context}: ${res.text}`).toBe(200);
            continue;
          }
          expectError(res, 400, 'invalid_request', context);
          const paths = detailPaths(res);
          expect(paths.some((p) => p === field || p.startsWith(`${field}.`)), `${context}: details ${JSON.stringify(paths)}`).toBe(true);
        }
      }
    }
    // nested fields
    const nested: [BodyEndpoint, Record<string, unknown>, string][] = [];
    const patchOrg = BODY_ENDPOINTS.find((e) => e.name === 'PATCH /orgs/{org}')!;
    const invitations = BODY_ENDPOINTS.find((e) => e.name === 'POST /orgs/{org}/invitations')!;
    for (const wrong of WRONG_TYPES) {
      nested.push([patchOrg, { settings: { defaultVisibility: wrong } }, 'settings.defaultVisibility']);
      nested.push([invitations, { email: uniqueEmail(), role: 'member', repositories: [{ repo: wrong, role: 'reader' }] }, 'repositories.0.repo']);
      nested.push([invitations, { email: uniqueEmail(), role: 'member', repositories: [{ repo: 'r', role: wrong }] }, 'repositories.0.role']);
      nested.push([invitations, { email: uniqueEmail(), role: 'member', repositories: [wrong] }, 'repositories.0']);
    }
    for (const [ep, body, field] of nested) {
      const res = await api.request(ep.method, ep.path(w), body, { cookie: ep.cookie(w) });
      const context = `${ep.name} with ${JSON.stringify(body)}`;
      expectError(res, 400, 'invalid_request', context);
      expect(detailPaths(res).some((p) => p === field || p.startsWith(`${field}.`)), `${context}: ${JSON.stringify(detailPaths(res))}`).toBe(true);
    }
    await expectIntact(api, w);
  });

  test('huge strings, huge arrays and huge bodies are refused without a 500', async ({ api }) => {
    test.setTimeout(120_000);
    const w = await world(api);
    const huge = 'A'.repeat(100_000);
    for (const ep of BODY_ENDPOINTS) {
      for (const field of Object.keys(ep.valid(w))) {
        const value = field === 'email' ? `${huge}@example.test` : field === 'repositories' ? [{ repo: huge, role: 'reader' }] : field === 'settings' ? { defaultVisibility: huge } : huge;
        const res = await api.request(ep.method, ep.path(w), { ...ep.valid(w), [field]: value }, { cookie: ep.cookie(w) });
        expectError(res, 400, 'invalid_request', `${ep.name} with a 100 kB ${field}`);
      }
      // 2 MB of otherwise plausible JSON
      const big = await api.request(ep.method, ep.path(w), { ...ep.valid(w), padding: 'x'.repeat(2 * 1024 * 1024) }, { cookie: ep.cookie(w) });
      expect([400, 413], `${ep.name} with a 2 MB body: ${big.status} ${big.text.slice(0, 200)}`).toContain(big.status);
      expectErrorShape(big, `${ep.name} with a 2 MB body`);
      // a very wide object
      const wide = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i]));
      const res = await api.request(ep.method, ep.path(w), wide, { cookie: ep.cookie(w) });
      expectError(res, 400, 'invalid_request', `${ep.name} with 20 000 unknown keys`);
    }
    const invitations = BODY_ENDPOINTS.find((e) => e.name === 'POST /orgs/{org}/invitations')!;
    const many = await api.post(
      invitations.path(w),
      { email: uniqueEmail(), role: 'member', repositories: Array.from({ length: 10_000 }, (_, i) => ({ repo: `r${i}`, role: 'reader' })) },
      { cookie: w.owner.cookie },
    );
    expectError(many, 400, 'invalid_request', '10 000 repositories');
    await expectIntact(api, w);
  });

  test('prototype pollution attempts are plain unknown fields', async ({ api }) => {
    const w = await world(api);
    const polluted = [
      '{"__proto__": {"role": "owner", "isAdmin": true}}',
      '{"constructor": {"prototype": {"role": "owner"}}}',
      '{"__proto__": null}',
    ];
    for (const ep of BODY_ENDPOINTS) {
      for (const body of polluted) {
        const res = await api.request(ep.method, ep.path(w), body, { cookie: ep.cookie(w) });
        if (ep.name === 'PATCH /orgs/{org}' && res.status === 200) continue; // all fields optional: a no-op is fine
        expectError(res, 400, 'invalid_request', `${ep.name} with ${body}`);
      }
    }
    // a member sending role in a polluted prototype still cannot edit the org (400 or 403)
    const sneaky = await api.patch(`/api/v1/orgs/${w.slug}`, '{"__proto__": {"role": "owner"}, "name": "Sneaky"}', { cookie: w.member.cookie });
    expect([400, 403], sneaky.text).toContain(sneaky.status);
    expectErrorShape(sneaky);
    await expectIntact(api, w);
  });
});

test.describe('unicode and control characters', () => {
  const names = [
    'Zoë Ñúñez',
    '李小龍',
    'עברית ومرحبا',
    'Emoji 🚀👩‍💻🏳️‍🌈',
    'Com\u0301bining',
    'Zero\u200Bwidth',
    'Right\u202Eto-left',
    `${'é'.repeat(100)}`,
  ];

  test('names in any script are stored and returned exactly', async ({ api }) => {
    for (const name of names) {
      const acct = await signup(api, { name, orgName: name });
      expect(acct.user.name, 'sign-up echo').toBe(name);
      const me = await whoami(api, acct.cookie);
      expect(me.json.name, 'GET /user').toBe(name);
      expect(me.json.orgs[0]!.name, 'org name').toBe(name);
      const renamed = `${[...name].reverse().join('')}`;
      const patched = await api.patch<{ name: string }>(`/api/v1/orgs/${acct.org.slug}`, { name: renamed }, { cookie: acct.cookie });
      expect(patched.status, patched.text).toBe(200);
      expect(patched.json.name).toBe(renamed);
    }
  });

  test('NUL, lone surrogates and other control characters are stored or refused, never a 500', async ({ api }) => {
    const owner = await signup(api);
    const strange = ['nul\u0000inside', '\u0000', 'lone \uD800 surrogate', 'lone \uDFFF low', 'bell\u0007 and esc\u001B[31m', 'line\r\nbreak', 'bom\uFEFF', 'nonchar\uFFFF', 'tab\tname'];
    // percent-encodes every UTF-8 byte (encodeURIComponent throws on lone surrogates)
    const pct = (v: string) => [...Buffer.from(v, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('');
    const failures: string[] = [];
    const check = (res: ApiResponse, context: string) => {
      if (res.status >= 500) failures.push(`${context} → ${res.status} ${res.text.slice(0, 100)}`);
      else if (res.status >= 400) expectErrorShape(res, context);
    };
    for (const s of strange) {
      const ctx = JSON.stringify(s);
      check(await api.post('/api/v1/signup', signupInput({ name: s, orgName: s })), `sign-up with name ${ctx}`);
      check(await api.post('/api/v1/signup', signupInput({ password: `${s}${'p'.repeat(12)}` })), `sign-up with password ${ctx}`);
      check(await api.post('/api/v1/signup', signupInput({ email: `a${s}b-${uid()}@example.test` })), `sign-up with e-mail ${ctx}`);
      check(await api.post('/api/v1/signup', signupInput({ orgSlug: `s${s}-${uid()}` })), `sign-up with slug ${ctx}`);
      check(await api.post('/api/v1/orgs', { name: s, slug: uniqueSlug() }, { cookie: owner.cookie }), `create org named ${ctx}`);
      check(await api.patch(`/api/v1/orgs/${owner.org.slug}`, { name: s }, { cookie: owner.cookie }), `rename org to ${ctx}`);
      check(await api.post('/api/v1/session', { email: `${s}@example.test`, password: 'x'.repeat(12) }), `sign-in as ${ctx}`);
      check(await api.post(`/api/v1/orgs/${owner.org.slug}/invitations`, { email: `x${s}y-${uid()}@example.test`, role: 'member' }, { cookie: owner.cookie }), `invite ${ctx}`);
      const inv = await invite(api, owner.cookie, owner.org.slug, { email: uniqueEmail('ctl'), role: 'member' });
      check(await api.post(`/api/v1/invitations/${inv.secret}/accept`, { name: s, password: PASSWORD }), `accept with name ${ctx}`);
      check(await api.get(`/api/v1/orgs/${owner.org.slug}/members?cursor=${pct(s)}`, { cookie: owner.cookie }), `members cursor ${ctx}`);
      check(await api.get(`/api/v1/orgs/${owner.org.slug}/invitations?cursor=${pct(s)}`, { cookie: owner.cookie }), `invitations cursor ${ctx}`);
      check(await api.get(`/api/v1/orgs/${pct(s)}`, { cookie: owner.cookie }), `org slug ${ctx} in the path`);
      check(await api.delete(`/api/v1/orgs/${owner.org.slug}/members/${pct(s)}`, { cookie: owner.cookie }), `member id ${ctx} in the path`);
      check(await api.delete(`/api/v1/orgs/${owner.org.slug}/invitations/${pct(s)}`, { cookie: owner.cookie }), `invitation id ${ctx} in the path`);
    }
    expect(failures, `${failures.length} answers of 500:\n${failures.join('\n')}`).toEqual([]);
    expect((await whoami(api, owner.cookie)).status).toBe(200);
  });

  test('slugs outside [a-z0-9-] are refused, including look-alikes', async ({ api }) => {
    const owner = await signup(api);
    const extraDetails: string[] = [];
    for (const slug of ['ａｂｃ', 'аbc', 'ab\u200Bc', 'ab c', 'ab\u0000c', 'ab%2Fc', 'ab/c', '..', '.', 'ab_c', '🚀🚀', 'é'.repeat(5)]) {
      const res = await api.post('/api/v1/orgs', { name: 'Look-alike', slug }, { cookie: owner.cookie });
      expectError(res, 400, 'invalid_request', `slug ${JSON.stringify(slug)}`);
      expect(detailPaths(res), `slug ${JSON.stringify(slug)}`).toContain('slug');
      expect(detailPaths(res).every((p) => p === 'slug'), `slug ${JSON.stringify(slug)}`).toBe(true);
      // docs/http.md: one entry per bad field
      if (detailPaths(res).length !== 1) extraDetails.push(`${JSON.stringify(slug)}: ${JSON.stringify(detailPaths(res))}`);
    }
    expect(extraDetails, 'slugs answered with more than one detail entry for the one bad field').toEqual([]);
  });
});
