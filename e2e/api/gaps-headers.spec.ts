/**
 * Gap found from outside (issue 12): every console HTML response, the invitation accept page with a
 * live invitation included, carries nosniff, a frame policy and a Referrer-Policy; API and native
 * responses (files, index pages, errors, HEAD, signed URLs) carry nosniff.
 */
import { test, expect } from '../support/fixtures';
import { invite, rawRequest, signup, uniqueEmail, type RawResponse } from './helpers';
import { createRepo, resourceToken, upload } from './pat-helpers';
import { mint } from './signed-helpers';

function expectPageHeaders(res: RawResponse, what: string) {
  expect(res.status, what).toBeLessThan(500);
  expect(res.headers.get('x-content-type-options'), `${what}: nosniff`).toBe('nosniff');
  const csp = res.headers.get('content-security-policy') ?? '';
  const framed = csp.includes("frame-ancestors 'none'") || res.headers.get('x-frame-options') === 'DENY';
  expect(framed, `${what}: frame policy (${csp})`).toBe(true);
  expect(res.headers.get('referrer-policy'), `${what}: Referrer-Policy`).toMatch(/^(same-origin|no-referrer|strict-origin(-when-cross-origin)?)$/);
}

test('console pages, signed in or not, the live invitation page and static assets', async ({ api }) => {
  const owner = await signup(api);
  const org = owner.org.slug;
  await createRepo(api, { cookie: owner.cookie }, org, { name: 'dist', visibility: 'private' });
  const inv = await invite(api, owner.cookie, org, { email: uniqueEmail('guest'), role: 'member' });
  const html = { accept: 'text/html' };
  const pages: [string, Record<string, string>][] = [
    [`/invite/${inv.secret}`, html],
    ['/invite/tgi_notarealsecret', html],
    ['/signin', html],
    ['/signup', html],
    ['/no-such-page-at-all', html],
    ...[``, '/repositories', '/repositories/dist', '/repositories/dist/settings', '/members', '/tokens', '/tokens/new', '/settings', '/audit', '/entitlements'].map(
      (p): [string, Record<string, string>] => [`/${org}${p}`, { ...html, cookie: owner.cookie }],
    ),
    ['/orgs/new', { ...html, cookie: owner.cookie }],
  ];
  let asset = '';
  for (const [p, headers] of pages) {
    const res = await rawRequest(api.url, 'GET', p, { headers });
    expectPageHeaders(res, `GET ${p} (${res.status})`);
    if (p === `/invite/${inv.secret}`) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
    }
    asset ||= /\/_next\/static\/[^"']+\.js/.exec(res.text)?.[0] ?? '';
  }
  expect(asset, 'a script of the pages').not.toBe('');
  const js = await rawRequest(api.url, 'GET', asset);
  expect(js.status).toBe(200);
  expect(js.headers.get('x-content-type-options'), asset).toBe('nosniff');
});

test('API answers (JSON, CSV, errors) and native answers (files, HEAD, indexes, errors, signed URLs) are never sniffed', async ({ api }) => {
  const owner = await signup(api);
  const org = owner.org.slug;
  await createRepo(api, { cookie: owner.cookie }, org, { name: 'dist', visibility: 'private' });
  await createRepo(api, { cookie: owner.cookie }, org, { name: 'py', format: 'pypi', visibility: 'private' });
  const { secret } = await resourceToken(api, owner.cookie, org, [{ repo: '*', access: 'write' }]);
  await upload(api.url, org, 'dist', 'notes.html', Buffer.from('<script>alert(1)</script>'), { form: 'bearer', token: secret });
  const s = await mint(api, { cookie: owner.cookie }, { org, repo: 'dist' }, 'notes.html');
  const auth = { authorization: `Bearer ${secret}` };
  const cookie = { cookie: owner.cookie };
  const calls: [string, string, Record<string, string>][] = [
    ['GET', '/api/v1/health', {}],
    ['GET', `/api/v1/orgs/${org}/repos`, cookie],
    ['GET', `/api/v1/orgs/${org}/audit?format=csv`, cookie],
    ['GET', `/api/v1/orgs/${org}/audit?from=nonsense`, cookie],
    ['DELETE', `/api/v1/orgs/${org}/audit`, cookie],
    ['GET', '/api/v1/nothing-here', {}],
    ['GET', '/api/v1/openapi.json', {}],
    ['GET', `/raw/${org}/dist/notes.html`, auth],
    ['HEAD', `/raw/${org}/dist/notes.html`, auth],
    ['GET', `/raw/${org}/dist/notes.html`, {}],
    ['GET', `/raw/${org}/dist/missing.bin`, auth],
    ['GET', `/pypi/${org}/py/simple/`, auth],
    ['GET', `/t/${secret}/pypi/${org}/py/simple/`, {}],
    ['GET', `${new URL(s.url).pathname}${new URL(s.url).search}`, {}],
    ['GET', `${new URL(s.url).pathname}?expires=1&signature=x`, {}],
  ];
  for (const [method, p, headers] of calls) {
    const res = await rawRequest(api.url, method, p, { headers });
    const what = `${method} ${p.slice(0, 80)} (${res.status})`;
    expect(res.status, what).toBeLessThan(500);
    expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
  }
});
