import { describe, expect, it } from 'vitest';
import { EMAIL_POLICY, FailureLimiter } from './rate-limit';

describe('FailureLimiter', () => {
  it('slows down, then locks out with a Retry-After, then forgives after the lockout', () => {
    let t = 1_000_000;
    const limiter = new FailureLimiter(() => t);
    const keys: [string, typeof EMAIL_POLICY][] = [['email:a@b.c', EMAIL_POLICY]];
    expect(limiter.delayMs(keys)).toBe(0);
    for (let i = 0; i < EMAIL_POLICY.slowAfter; i++) limiter.fail(keys);
    expect(limiter.delayMs(keys)).toBe(100);
    for (let i = EMAIL_POLICY.slowAfter; i < EMAIL_POLICY.limit; i++) limiter.fail(keys);
    expect(limiter.lockedFor(keys)).toBe(EMAIL_POLICY.lockout / 1000);
    t += EMAIL_POLICY.lockout + EMAIL_POLICY.window + 1;
    expect(limiter.lockedFor(keys)).toBe(0);
    expect(limiter.delayMs(keys)).toBe(0);
  });

  it('a success resets the e-mail counter', () => {
    const limiter = new FailureLimiter();
    const keys: [string, typeof EMAIL_POLICY][] = [['email:x', EMAIL_POLICY]];
    for (let i = 0; i < 5; i++) limiter.fail(keys);
    limiter.reset('email:x');
    expect(limiter.delayMs(keys)).toBe(0);
  });
});
