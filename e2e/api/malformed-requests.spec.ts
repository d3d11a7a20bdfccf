/**
 * Malformed requests around the body (docs/http.md "Conventions": no request, however malformed, gets a
 * 500 or a stack trace; errors have the `{"error": {…}}` shape): bad path parameters sent byte for
 * byte, bad query parameters, bad credentials and unsupported methods.
 */
import { test, expect, type Api } from '../support/fixtures';
import { PASSWORD, expectError, expectErrorShape, rawRequest } from './helpers';
import { expectIntact, world, type World } from './malformed-helpers';

// ── path parameters ─────────────────────────────────────────────────────────────────────

const BAD_SEGMENTS = [
  '%00',
  'a%00b',
  '%2F',
  'a%2Fb',
  '%5C..%5C',
  '..%2F..%2Fetc%2Fpasswd',
  '%ZZ',
  '%',
  '%E0%A4%A',
  '%C0%AE',
  '%FF%FE',
  '%F0%9F%92%A9',
  '%E2%80%AE',
  '%20',
  '%25',
  '*',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  '%27%20OR%20%271%27%3D%271',
  '%22%3B%20DROP%20TABLE%20%22User%22%3B--',
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  '%0D%0ASet-Cookie:%20pwned=1',
  '$%7Bjndi:ldap:%2F%2Fx%7D',
  'tgi_' + 'A'.repeat(38),
  'A'.repeat(101),
  'A'.repeat(5000),
];

/** Segments the server may normalize away before routing (RFC 3986 dot segments). */
const DOT_SEGMENTS = ['..', '.', '%2e%2e', '%2E'];

type PathEndpoint = { name: string; method: string; path: (w: World, bad: string) => string; body?: unknown; cookie: (w: World) => string | undefined };

const PATH_ENDPOINTS: PathEndpoint[] = [
  { name: 'GET /orgs/{org}', method: 'GET', path: (_w, b) => `/api/v1/orgs/${b}`, cookie: (w) => w.owner.cookie },
  { name: 'PATCH /orgs/{org}', method: 'PATCH', path: (_w, b) => `/api/v1/orgs/${b}`, body: { name: 'Patched' }, cookie: (w) => w.owner.cookie },
  { name: 'GET /orgs/{org}/members', method: 'GET', path: (_w, b) => `/api/v1/orgs/${b}/members`, cookie: (w) => w.owner.cookie },
  { name: 'PATCH /orgs/{org}/members/{userId} (org)', method: 'PATCH', path: (w, b) => `/api/v1/orgs/${b}/members/${w.member.user.id}`, body: { role: 'admin' }, cookie: (w) => w.owner.cookie },
  { name: 'PATCH /orgs/{org}/members/{userId}', method: 'PATCH', path: (w, b) => `/api/v1/orgs/${w.slug}/members/${b}`, body: { role: 'admin' }, cookie: (w) => w.owner.cookie },
  { name: 'DELETE /orgs/{org}/members/{userId} (org)', method: 'DELETE', path: (w, b) => `/api/v1/orgs/${b}/members/${w.member.user.id}`, cookie: (w) => w.owner.cookie },
  { name: 'DELETE /orgs/{org}/members/{userId}', method: 'DELETE', path: (w, b) => `/api/v1/orgs/${w.slug}/members/${b}`, cookie: (w) => w.owner.cookie },
  { name: 'GET /orgs/{org}/invitations', method: 'GET', path: (_w, b) => `/api/v1/orgs/${b}/invitations`, cookie: (w) => w.owner.cookie },
  { name: 'POST /orgs/{org}/invitations', method: 'POST', path: (_w, b) => `/api/v1/orgs/${b}/invitations`, body: { email: 'x@example.test', role: 'member' }, cookie: (w) => w.owner.cookie },
  { name: 'DELETE /orgs/{org}/invitations/{id} (org)', method: 'DELETE', path: (w, b) => `/api/v1/orgs/${b}/invitations/${w.inv.id}`, cookie: (w) => w.owner.cookie },
  { name: 'DELETE /orgs/{org}/invitations/{id}', method: 'DELETE', path: (w, b) => `/api/v1/orgs/${w.slug}/invitations/${b}`, cookie: (w) => w.owner.cookie },
  { name: 'GET /invitations/{secret}', method: 'GET', path: (_w, b) => `/api/v1/invitations/${b}`, cookie: () => undefined },
  { name: 'POST /invitations/{secret}/accept', method: 'POST', path: (_w, b) => `/api/v1/invitations/${b}/accept`, body: { name: 'X', password: PASSWORD }, cookie: () => undefined },
  { name: 'POST /invitations/{secret}/accept (signed in)', method: 'POST', path: (_w, b) => `/api/v1/invitations/${b}/accept`, body: {}, cookie: (w) => w.member.cookie },
];

async function sendBadPath(api: Api, w: World, ep: PathEndpoint, seg: string) {
  const cookie = ep.cookie(w);
  return rawRequest(api.url, ep.method, ep.path(w, seg), {
    headers: {
      ...(cookie ? { cookie } : {}),
      ...(ep.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: ep.body !== undefined ? JSON.stringify(ep.body) : undefined,
  });
}

test.describe('bad path parameters', () => {
  test('every path parameter: NUL, traversal, bad percent-encoding, injection, very long ids → 4xx error JSON', async ({ api }) => {
    test.setTimeout(180_000);
    const w = await world(api);
    const failures: string[] = [];
    for (const ep of PATH_ENDPOINTS) {
      for (const seg of BAD_SEGMENTS) {
        const res = await sendBadPath(api, w, ep, seg);
        const context = `${ep.method} ${ep.path(w, seg).slice(0, 120)} [${ep.name}]`;
        if (res.status < 400 || res.status >= 500) {
          failures.push(`${context} → ${res.status} ${res.text.slice(0, 80)}`);
          continue;
        }
        try {
          expectErrorShape(res, context);
        } catch {
          failures.push(`${context} → ${res.status} without the error JSON: ${JSON.stringify(res.text.slice(0, 80))} (${res.headers.get('content-type')})`);
        }
      }
    }
    expect(failures, `${failures.length} bad answers:\n${failures.join('\n')}`).toEqual([]);
    await expectIntact(api, w);
  });

  test('dot segments are refused or redirected to the normalized path, never routed to the wrong handler', async ({ api }) => {
    const w = await world(api);
    const failures: string[] = [];
    for (const ep of PATH_ENDPOINTS) {
      for (const seg of DOT_SEGMENTS) {
        const p = ep.path(w, seg);
        const res = await sendBadPath(api, w, ep, seg);
        const context = `${ep.method} ${p} [${ep.name}]`;
        if (res.status >= 300 && res.status < 400) {
          // a redirect is fine when it points at the normalized path (what a browser would request)
          const normalized = new URL(p.replace(/%2e/gi, '.'), 'http://x').pathname;
          const location = res.headers.get('location') ?? '';
          if (new URL(location, 'http://x').pathname.replace(/\/$/, '') !== normalized.replace(/\/$/, '')) {
            failures.push(`${context} → ${res.status} to ${location} (normalized: ${normalized})`);
          }
          continue;
        }
        if (res.status < 400 || res.status >= 500) {
          failures.push(`${context} → ${res.status} ${res.text.slice(0, 80)}`);
          continue;
        }
        try {
          expectErrorShape(res, context);
        } catch {
          failures.push(`${context} → ${res.status} without the error JSON: ${JSON.stringify(res.text.slice(0, 80))}`);
        }
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
    await expectIntact(api, w);
  });

  test('a URL too long for the server is a 4xx, not a 5xx', async ({ api }) => {
    const w = await world(api);
    for (const ep of PATH_ENDPOINTS.slice(0, 4)) {
      const res = await sendBadPath(api, w, ep, 'A'.repeat(20_000));
      expect(res.status, `${ep.name}: ${res.status}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${ep.name}: ${res.status}`).toBeLessThan(500);
    }
  });

  test('ids of other kinds and of other orgs are 404', async ({ api }) => {
    const w = await world(api);
    const other = await world(api);
    // a member id of another org, an invitation id of another org, an org id in place of a user id
    expectError(await api.patch(`/api/v1/orgs/${w.slug}/members/${other.member.user.id}`, { role: 'admin' }, { cookie: w.owner.cookie }), 404, 'not_found');
    expectError(await api.delete(`/api/v1/orgs/${w.slug}/members/${other.member.user.id}`, { cookie: w.owner.cookie }), 404, 'not_found');
    expectError(await api.delete(`/api/v1/orgs/${w.slug}/invitations/${other.inv.id}`, { cookie: w.owner.cookie }), 404, 'not_found');
    expectError(await api.delete(`/api/v1/orgs/${w.slug}/invitations/${w.member.user.id}`, { cookie: w.owner.cookie }), 404, 'not_found');
    expectError(await api.patch(`/api/v1/orgs/${w.slug}/members/${w.inv.id}`, { role: 'admin' }, { cookie: w.owner.cookie }), 404, 'not_found');
    expectError(await api.get(`/api/v1/invitations/${w.inv.id}`), 404, 'not_found');
    await expectIntact(api, w);
    await expectIntact(api, other);
  });
});

// ── query parameters ─────────────────────────────────────────────────────────────────────

test('bad list query parameters are 400, odd cursors never 500', async ({ api }) => {
  const w = await world(api);
  const failures: string[] = [];
  for (const list of [`/api/v1/orgs/${w.slug}/members`, `/api/v1/orgs/${w.slug}/invitations`]) {
    for (const q of ['limit=0', 'limit=201', 'limit=-5', 'limit=abc', 'limit=1.5', 'limit=%00', 'limit=1e3', `limit=${'9'.repeat(400)}`, `cursor=${'c'.repeat(5000)}`]) {
      expectError(await api.get(`${list}?${q}`, { cookie: w.owner.cookie }), 400, 'invalid_request', `${list}?${q.slice(0, 40)}`);
    }
    for (const q of ['cursor=does-not-exist', 'cursor=%00', 'cursor=%F0%9F%92%A9', 'cursor=__proto__', 'limit=0x10', 'limit=1&limit=2', 'limit[]=1', 'limit=', 'cursor=', 'unknown=1', 'limit=%20', 'cursor=%27%20OR%201%3D1--']) {
      const res = await rawRequest(api.url, 'GET', `${list}?${q}`, { headers: { cookie: w.owner.cookie } });
      const context = `${list}?${q}`;
      if (res.status >= 500) failures.push(`GET ${context} → ${res.status} ${res.text.slice(0, 100)}`);
      else if (res.status >= 400) expectErrorShape(res, context);
      else expect(res.json, context).toMatchObject({ items: expect.any(Array) });
    }
  }
  expect(failures, failures.join('\n')).toEqual([]);
});

// ── credentials ─────────────────────────────────────────────────────────────────────────

test('malformed credentials are 401, never 500', async ({ api }) => {
  const w = await world(api);
  const token = w.owner.cookie.split('=').slice(1).join('=');
  const cookies = [
    'next-auth.session-token=',
    'next-auth.session-token=%00',
    'next-auth.session-token=' + 'A'.repeat(6000),
    `next-auth.session-token=${token.slice(0, -5)}`,
    `next-auth.session-token=${token.split('.').slice(0, 3).join('.')}`,
    `next-auth.session-token=${token.split('').reverse().join('')}`,
    'next-auth.session-token=eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwic2lkIjoieCJ9.',
    'next-auth.session-token="quoted"',
    '=;;;==; ; next-auth.session-token',
    'garbage',
  ];
  for (const cookie of cookies) {
    expectError(await api.get('/api/v1/user', { cookie }), 401, 'unauthenticated', `cookie ${cookie.slice(0, 60)}`);
    expectError(await api.get(`/api/v1/orgs/${w.slug}`, { cookie }), 401, 'unauthenticated', `org with cookie ${cookie.slice(0, 60)}`);
  }
  for (const authorization of ['Bearer', 'Bearer ', 'Bearer  x', 'Basic YTpi', 'bearer tgp_x', `Bearer ${'x'.repeat(6000)}`, `Bearer tgp_${'A'.repeat(38)}`, 'Token abc', 'Bearer \u00e9']) {
    const res = await rawRequest(api.url, 'GET', '/api/v1/user', { headers: { authorization: authorization.replace(/[^\x20-\x7e]/g, '?') } });
    expectError(res, 401, 'unauthenticated', `Authorization: ${authorization.slice(0, 40)}`);
  }
  // both a valid cookie and a bogus bearer: never more than the cookie allows, never a 500
  const both = await api.get('/api/v1/user', { cookie: w.owner.cookie, token: 'bogus' });
  expect(both.status, both.text).toBeLessThan(500);
  if (both.status >= 400) expectErrorShape(both);
  await expectIntact(api, w);
});

// ── methods ─────────────────────────────────────────────────────────────────────────────

test('unsupported methods on existing endpoints answer 4xx with the error JSON', async ({ api }) => {
  const w = await world(api);
  const cases: [string, string][] = [
    ['GET', '/api/v1/signup'],
    ['PUT', '/api/v1/signup'],
    ['DELETE', '/api/v1/signup'],
    ['GET', '/api/v1/session'],
    ['PUT', '/api/v1/session'],
    ['POST', '/api/v1/user'],
    ['DELETE', '/api/v1/user'],
    ['GET', '/api/v1/orgs'],
    ['PUT', `/api/v1/orgs/${w.slug}`],
    ['DELETE', `/api/v1/orgs/${w.slug}`],
    ['POST', `/api/v1/orgs/${w.slug}/members`],
    ['GET', `/api/v1/orgs/${w.slug}/members/${w.member.user.id}`],
    ['POST', `/api/v1/orgs/${w.slug}/members/${w.member.user.id}`],
    ['PUT', `/api/v1/orgs/${w.slug}/invitations`],
    ['GET', `/api/v1/orgs/${w.slug}/invitations/${w.inv.id}`],
    ['PATCH', `/api/v1/orgs/${w.slug}/invitations/${w.inv.id}`],
    ['DELETE', `/api/v1/invitations/${w.inv.secret}`],
    ['GET', `/api/v1/invitations/${w.inv.secret}/accept`],
    ['POST', '/api/v1/openapi.json'],
  ];
  const failures: string[] = [];
  for (const [method, p] of cases) {
    const res = await api.request(method, p, method === 'GET' || method === 'DELETE' ? undefined : {}, { cookie: w.owner.cookie });
    if (res.status < 400 || res.status >= 500) {
      failures.push(`${method} ${p} → ${res.status}`);
      continue;
    }
    try {
      expectErrorShape(res, `${method} ${p}`);
    } catch {
      failures.push(`${method} ${p} → ${res.status} without the error JSON (body ${JSON.stringify(res.text.slice(0, 60))}, ${res.headers.get('content-type')})`);
    }
  }
  expect(failures, failures.join('\n')).toEqual([]);
  await expectIntact(api, w);
});
