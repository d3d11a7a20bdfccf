import { describe, expect, it } from 'vitest';
import { ADDRESS_POLICY, AttemptLimiter, EMAIL_POLICY, FailureLimiter, PAIR_POLICY, signInKeys } from './rate-limit';

const clock = () => {
  const c = { t: 1_000_000, now: () => c.t };
  return c;
};

describe('FailureLimiter (sign-in)', () => {
  it('per e-mail: slows down, doubling up to 3 s, and never locks', () => {
    const c = clock();
    const limiter = new FailureLimiter(c.now);
    const elsewhere = (i: number) => signInKeys('victim@x.test', `198.51.100.${i}`);
    expect(limiter.delayMs(elsewhere(0))).toBe(0);
    const delays: number[] = [];
    for (let i = 0; i < 200; i++) {
      delays.push(limiter.delayMs(elsewhere(i % 100)));
      limiter.fail(elsewhere(i % 100)); // 100 addresses, 2 failures each: no pair or address limit reached
    }
    expect(delays.slice(0, 6)).toEqual([0, 0, 0, 100, 200, 400]);
    expect(Math.max(...delays)).toBe(3000);
    // the e-mail itself is never locked: a fresh address is only slowed
    expect(limiter.lockedFor(signInKeys('victim@x.test', '203.0.113.5'))).toBe(0);
    expect(limiter.delayMs(signInKeys('victim@x.test', '203.0.113.5'))).toBe(3000);
  });

  it('per e-mail + address: locked at 10, for that pair only; forgiven after the lockout', () => {
    const c = clock();
    const limiter = new FailureLimiter(c.now);
    const attacker = signInKeys('victim@x.test', '198.51.100.66');
    for (let i = 0; i < PAIR_POLICY.limit! - 1; i++) limiter.fail(attacker);
    expect(limiter.lockedFor(attacker)).toBe(0);
    limiter.fail(attacker);
    expect(limiter.lockedFor(attacker)).toBe(PAIR_POLICY.lockout / 1000);
    expect(limiter.lockedFor(signInKeys('victim@x.test', '203.0.113.5'))).toBe(0);
    expect(limiter.lockedFor(signInKeys('other@x.test', '198.51.100.66'))).toBe(0);
    c.t += PAIR_POLICY.lockout + PAIR_POLICY.window + 1;
    expect(limiter.lockedFor(attacker)).toBe(0);
    expect(limiter.delayMs(attacker)).toBe(0);
  });

  it('per address: slowed after 10, locked at 30 failures across e-mails', () => {
    const limiter = new FailureLimiter(clock().now);
    const spray = (i: number) => signInKeys(`u${i}@x.test`, '198.51.100.66');
    for (let i = 0; i < ADDRESS_POLICY.slowAfter; i++) limiter.fail(spray(i));
    expect(limiter.delayMs(spray(99))).toBe(100);
    for (let i = ADDRESS_POLICY.slowAfter; i < ADDRESS_POLICY.limit!; i++) limiter.fail(spray(i));
    expect(limiter.lockedFor(spray(99))).toBe(ADDRESS_POLICY.lockout / 1000);
  });

  it('a success resets the e-mail and the pair, and takes back only its own attempt on the address', () => {
    const limiter = new FailureLimiter(clock().now);
    const keys = signInKeys('x@x.test', '198.51.100.1');
    for (let i = 0; i < 5; i++) limiter.fail(signInKeys('x@x.test', '198.51.100.1'));
    for (let i = 0; i < 20; i++) limiter.fail(signInKeys(`spray${i}@x.test`, '198.51.100.1'));
    limiter.fail(keys); // the successful attempt, counted up front
    limiter.succeeded(keys);
    expect(limiter.delayMs([keys[0]!, keys[1]!])).toBe(0);
    // 25 failures remain on the address: still slowed
    expect(limiter.delayMs([keys[2]!])).toBe(ADDRESS_POLICY.delay(25 - ADDRESS_POLICY.slowAfter));
  });

  it('counts attempts when they start: a burst cannot all pass the check before any fails', () => {
    const limiter = new FailureLimiter(clock().now);
    let admitted = 0;
    for (let i = 0; i < 100; i++) {
      const keys = signInKeys('victim@x.test', '198.51.100.66');
      if (limiter.lockedFor(keys) > 0) continue;
      limiter.fail(keys);
      admitted++;
    }
    expect(admitted).toBe(PAIR_POLICY.limit);
  });

  it('the e-mail delay is capped at a few seconds whatever the count', () => {
    expect(EMAIL_POLICY.delay(1e6)).toBe(3000);
  });
});

describe('AttemptLimiter (sign-up)', () => {
  it('allows `limit` attempts per window, then answers the seconds left', () => {
    const c = clock();
    const limiter = new AttemptLimiter(c.now);
    for (let i = 0; i < 3; i++) expect(limiter.hit('a', 3, 60_000)).toBe(0);
    expect(limiter.hit('a', 3, 60_000)).toBe(60);
    expect(limiter.hit('b', 3, 60_000)).toBe(0);
    c.t += 60_000;
    expect(limiter.hit('a', 3, 60_000)).toBe(0);
  });
});
