/**
 * Security review 2026-12-01, accounts:
 * - M4: failures slow an e-mail down but never lock it: the real user, from their own address,
 *   signs in while an attacker elsewhere keeps failing (POST /api/v1/session and next-auth's
 *   credentials callback alike). The attacker's address is locked for that e-mail.
 * - I3: POST /api/v1/signup is rate limited per client address (SIGNUP_RATE_LIMIT).
 * - L5: with SIGNUP=closed, concurrent first sign-ups let exactly one user in.
 * - I4: new password hashes use scrypt N=2^17; weaker stored hashes are upgraded at sign-in.
 * Each test starts its own server: limiter counters live in the server process.
 */
import crypto from 'node:crypto';
import { test, expect, type Api } from '../support/fixtures';
import { expectError, signIn, signup, signupInput, sql, uniqueEmail, withServer } from './helpers';

test.describe.configure({ timeout: 180_000 });

const from = (address: string) => ({ 'x-forwarded-for': address });

/** next-auth's browser sign-in: CSRF token, then the credentials callback (JSON answer). */
async function browserSignIn(api: Api, email: string, password: string, headers: Record<string, string>) {
  const csrf = await api.get<{ csrfToken: string }>('/api/auth/csrf', { headers });
  expect(csrf.status, csrf.text).toBe(200);
  const body = new URLSearchParams({ csrfToken: csrf.json.csrfToken, email, password, json: 'true', callbackUrl: `${api.url}/` }).toString();
  const res = await api.post<{ url: string }>('/api/auth/callback/credentials', body, {
    cookie: csrf.cookie,
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
  });
  return { res, url: res.json?.url ?? res.headers.get('location') ?? '', signedIn: res.cookie.includes('next-auth.session-token=') };
}

test('M4: an attacker failing for an e-mail elsewhere cannot lock its owner out; the attacker\'s own address is locked', async () => {
  await withServer({ TRUST_PROXY: '127.0.0.1' }, async (api) => {
    const victim = await signup(api);
    const attacker = from('198.51.100.66');
    const home = from('203.0.113.10');

    const statuses: number[] = [];
    for (let i = 1; i <= 12; i++) {
      statuses.push((await api.post('/api/v1/session', { email: victim.email, password: `wrong password ${i}` }, { headers: attacker })).status);
    }
    expect(statuses.slice(0, 10), statuses.join(', ')).toEqual(Array(10).fill(401));
    expect(statuses.slice(10), 'the attacker\'s address is locked for this e-mail').toEqual([429, 429]);
    const locked = await api.post('/api/v1/session', { email: victim.email, password: victim.password }, { headers: attacker });
    expectError(locked, 429, 'rate_limited', 'attacker with the right password');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);

    // the victim, from home, with the right password: in, after a short wait at most
    const t = Date.now();
    await signIn(api, victim.email, victim.password, home);
    expect(Date.now() - t, 'held a few seconds at most').toBeLessThan(8_000);

    // the attacker keeps failing from other addresses: still only a slowdown for the victim
    for (let i = 1; i <= 6; i++) {
      const res = await api.post('/api/v1/session', { email: victim.email, password: `again ${i}` }, { headers: from(`198.51.100.${100 + i}`) });
      expectError(res, 401, 'unauthenticated', `failure ${i} from another address`);
    }
    const t2 = Date.now();
    const browser = await browserSignIn(api, victim.email, victim.password, home);
    expect(browser.url, 'no error on the browser sign-in').not.toMatch(/error=/);
    expect(browser.signedIn, `browser sign-in: ${browser.res.status} ${browser.res.text.slice(0, 300)}`).toBe(true);
    expect(Date.now() - t2).toBeLessThan(8_000);

    // next-auth's callback shares the lock of the attacker's address
    const refused = await browserSignIn(api, victim.email, victim.password, attacker);
    expect(refused.signedIn).toBe(false);
    expect(refused.url).toMatch(/error=rate_limited/);
  });
});

test('M4: per e-mail the wait grows but stays within a few seconds', async () => {
  await withServer({ TRUST_PROXY: '127.0.0.1' }, async (api) => {
    const victim = await signup(api);
    let slowest = 0;
    for (let i = 1; i <= 14; i++) {
      const t = Date.now();
      const res = await api.post('/api/v1/session', { email: victim.email, password: `wrong ${i}` }, { headers: from(`198.51.100.${i}`) });
      slowest = Math.max(slowest, Date.now() - t);
      expectError(res, 401, 'unauthenticated', `failure ${i}`);
    }
    expect(slowest, 'the slowest answer').toBeGreaterThanOrEqual(2_500);
    // the delay is at most 3 s; the rest is the password hash, slower on a loaded machine: a wait, never a lock
    expect(slowest, 'the slowest answer').toBeLessThan(10_000);
    await signIn(api, victim.email, victim.password, from('203.0.113.10'));
  });
});

test('I3: sign-up is rate limited per client address (429 with Retry-After); other addresses are not', async () => {
  await withServer({ TRUST_PROXY: '127.0.0.1', SIGNUP_RATE_LIMIT: '3' }, async (api) => {
    const crowd = from('198.51.100.20');
    const first = signupInput();
    expect((await api.post('/api/v1/signup', first, { headers: crowd })).status).toBe(201);
    expect((await api.post('/api/v1/signup', first, { headers: crowd })).status, 'duplicate: 409, and counted').toBe(409);
    expect((await api.post('/api/v1/signup', signupInput(), { headers: crowd })).status).toBe(201);
    const limited = await api.post('/api/v1/signup', signupInput(), { headers: crowd });
    const err = expectError(limited, 429, 'rate_limited', 'fourth sign-up from one address');
    expect(err.error.message).toMatch(/sign-ups/i);
    const retry = Number(limited.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(3600);
    // e-mail probing is refused too, before the 409 could answer
    expectError(await api.post('/api/v1/signup', first, { headers: crowd }), 429, 'rate_limited');
    expect((await api.post('/api/v1/signup', signupInput(), { headers: from('198.51.100.21') })).status).toBe(201);
  });
});

test('L5: with SIGNUP=closed, concurrent first sign-ups on a fresh server let exactly one user in', async () => {
  await withServer({ SIGNUP: 'closed' }, async (api, server) => {
    const results = await Promise.all(Array.from({ length: 5 }, () => api.post('/api/v1/signup', signupInput())));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses, statuses.join(', ')).toEqual([201, 403, 403, 403, 403]);
    for (const r of results.filter((x) => x.status === 403)) expectError(r, 403, 'forbidden');
    const users = await sql<{ n: number | string }>(server, 'SELECT COUNT(*) AS n FROM "User"');
    expect(Number(users[0]!.n)).toBe(1);
    expect((await api.post('/api/v1/signup', signupInput())).status, 'later sign-ups stay closed').toBe(403);
  });
});

test('I4: new hashes use scrypt N=2^17; an older N=2^15 hash still signs in and is upgraded', async ({ api, server }) => {
  const account = await signup(api, { email: uniqueEmail('hash') });
  const [row] = await sql<{ passwordHash: string }>(server, 'SELECT "passwordHash" FROM "User" WHERE "id" = $1', [account.user.id]);
  expect(row!.passwordHash).toMatch(/^scrypt\$131072\$8\$1\$/);

  const salt = crypto.randomBytes(16);
  const old = crypto.scryptSync(account.password, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  const weak = ['scrypt', 2 ** 15, 8, 1, salt.toString('base64url'), old.toString('base64url')].join('$');
  await sql(server, 'UPDATE "User" SET "passwordHash" = $1 WHERE "id" = $2', [weak, account.user.id]);
  await signIn(api, account.email, account.password);
  const [after] = await sql<{ passwordHash: string }>(server, 'SELECT "passwordHash" FROM "User" WHERE "id" = $1', [account.user.id]);
  expect(after!.passwordHash).toMatch(/^scrypt\$131072\$8\$1\$/);
  await signIn(api, account.email, account.password);
});
