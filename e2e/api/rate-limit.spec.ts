/**
 * Brute-force protection of POST /api/v1/session: per e-mail slowed after 3 failures (never
 * locked), per e-mail and client address locked at 10 within 15 minutes, per client address
 * slowed after 10 and locked at 30. (Every failure here comes from one address, so the e-mail
 * lock these tests saw before is now the e-mail+address lock; that the real user from another
 * address still gets in is in security-signin.spec.ts.) Each test starts
 * its own server: the limiter's counters live in the server process, and the failures here must
 * not slow down or lock the other specs' shared server.
 */
import { test, expect, type Api } from '../support/fixtures';
import { expectError, signIn, signup, uniqueEmail, whoami, withServer } from './helpers';

test.describe.configure({ timeout: 180_000 });

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = Date.now();
  const r = await fn();
  return [r, Date.now() - t];
}

function expectLocked(res: Awaited<ReturnType<Api['post']>>, context: string) {
  expectError(res, 429, 'rate_limited', context);
  const retryAfter = res.headers.get('retry-after');
  expect(retryAfter, `Retry-After header (${context})`).toMatch(/^\d+$/);
  const seconds = Number(retryAfter);
  expect(seconds, `Retry-After (${context})`).toBeGreaterThan(0);
  expect(seconds, `Retry-After (${context})`).toBeLessThanOrEqual(15 * 60);
  expect(res.cookie).not.toContain('next-auth.session-token=ey');
}

test('per e-mail: slowed after 3 failures; from that address, locked at 10 even for the right password; other e-mails unaffected', async () => {
  await withServer({}, async (api) => {
    const victim = await signup(api);
    const bystander = await signup(api);
    const login = (password: string, email = victim.email) => api.post('/api/v1/session', { email, password });

    // a fast baseline of a wrong password with no failures on record (for the bystander)
    const [, baseline] = await timed(() => login('wrong password one', bystander.email));
    // reset the bystander's counter with a success
    await signIn(api, bystander.email, bystander.password);

    const durations: number[] = [];
    for (let i = 1; i <= 10; i++) {
      const [res, ms] = await timed(() => login(`wrong password ${i}`));
      expectError(res, 401, 'unauthenticated', `failure ${i}`);
      durations.push(ms);
    }
    // attempts 4..10 carry a growing delay (100 ms after 3 failures, doubling, at most 3 s)
    expect(durations[3]!, `4th attempt (${durations.join(', ')} ms; baseline ${baseline} ms)`).toBeGreaterThanOrEqual(90);
    expect(durations[9]!, `10th attempt (${durations.join(', ')} ms)`).toBeGreaterThanOrEqual(600);
    expect(durations[9]!).toBeGreaterThan(durations[3]!);

    // locked for this address: even the right password is refused, and so is the upper-case spelling of the e-mail
    expectLocked(await login(victim.password), 'right password after 10 failures');
    expectLocked(await login(victim.password, victim.email.toUpperCase()), 'same e-mail, other case');
    expectLocked(await login('another wrong one'), 'wrong password while locked');

    // an existing session of the victim keeps working; another e-mail signs in normally
    expect((await whoami(api, victim.cookie)).status).toBe(200);
    await signIn(api, bystander.email, bystander.password);
  });
});

test('per e-mail and address: unknown e-mails are locked the same way (no account enumeration)', async () => {
  await withServer({}, async (api) => {
    const ghost = uniqueEmail('ghost');
    for (let i = 1; i <= 10; i++) {
      expectError(await api.post('/api/v1/session', { email: ghost, password: `guess number ${i}` }), 401, 'unauthenticated', `failure ${i}`);
    }
    expectLocked(await api.post('/api/v1/session', { email: ghost, password: 'guess number 11' }), 'unknown e-mail after 10 failures');
  });
});

test('per address (TRUST_PROXY): 30 failures lock the attacker\'s address, not an innocent one', async () => {
  await withServer({ TRUST_PROXY: '127.0.0.1' }, async (api) => {
    const attacker = { 'x-forwarded-for': '198.51.100.66' };
    const innocent = { 'x-forwarded-for': '198.51.100.7' };
    const target = await signup(api);
    const friend = await signup(api);

    // 30 failures from one address, each on a different e-mail (no e-mail reaches its own limit)
    const durations: number[] = [];
    for (let i = 1; i <= 30; i++) {
      const [res, ms] = await timed(() =>
        api.post('/api/v1/session', { email: uniqueEmail(`spray${i}`), password: 'Password123!' }, { headers: attacker }),
      );
      expectError(res, 401, 'unauthenticated', `spray ${i}`);
      durations.push(ms);
    }
    // slowed after 10 failures (the 11th attempt and later)
    expect(Math.min(...durations.slice(10)), `attempts 11..30: ${durations.slice(10).join(', ')} ms`).toBeGreaterThanOrEqual(90);
    expect(durations[29]!, 'the 30th attempt is held about a second').toBeGreaterThanOrEqual(800);

    // the attacker's address is locked, even with a correct password of a real account
    expectLocked(await api.post('/api/v1/session', { email: target.email, password: target.password }, { headers: attacker }), 'attacker, right password');
    expectLocked(await api.post('/api/v1/session', { email: uniqueEmail('spray'), password: 'x'.repeat(12) }, { headers: attacker }), 'attacker, new e-mail');

    // another address signs in to the same account, fast (it has no failures of its own)
    const [ok, ms] = await timed(() => api.post('/api/v1/session', { email: target.email, password: target.password }, { headers: innocent }));
    expect(ok.status, ok.text).toBe(200);
    expect(ok.cookie).toContain('next-auth.session-token=');
    expect(ms, 'the innocent address is not slowed').toBeLessThan(5_000);
    await signIn(api, friend.email, friend.password, { 'x-forwarded-for': '198.51.100.8' });

    // the right-most untrusted address counts: a spoofed entry prepended by the attacker does not help
    expectLocked(
      await api.post('/api/v1/session', { email: target.email, password: target.password }, { headers: { 'x-forwarded-for': '203.0.113.9, 198.51.100.66' } }),
      'attacker behind a forged X-Forwarded-For entry',
    );
  });
});

test('without TRUST_PROXY, X-Forwarded-For is ignored: a rotating header does not escape the address lock', async () => {
  await withServer({}, async (api) => {
    const target = await signup(api);
    for (let i = 1; i <= 30; i++) {
      const res = await api.post(
        '/api/v1/session',
        { email: uniqueEmail(`rot${i}`), password: 'Password123!' },
        { headers: { 'x-forwarded-for': `198.51.100.${i}` } },
      );
      expectError(res, 401, 'unauthenticated', `rotating ${i}`);
    }
    // all 30 were counted against the real peer (127.0.0.1): locked whatever the header says
    expectLocked(
      await api.post('/api/v1/session', { email: target.email, password: target.password }, { headers: { 'x-forwarded-for': '198.51.100.200' } }),
      'spoofed fresh address',
    );
    expectLocked(await api.post('/api/v1/session', { email: target.email, password: target.password }), 'no header');
  });
});
