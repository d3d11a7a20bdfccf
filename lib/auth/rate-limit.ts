// Brute-force protection for sign-in. Failures are counted per e-mail and per
// client address in a sliding window. Past a few failures each attempt is
// slowed down; past the limit the key is locked and callers get 429 with
// Retry-After. In memory: one instance's view, reset on restart (documented
// in the README; a shared store is the multi-instance follow-up).

type Counter = { failures: number; firstAt: number; lockedUntil: number };

export type LimitPolicy = { window: number; limit: number; lockout: number; slowAfter: number };

export const EMAIL_POLICY: LimitPolicy = { window: 15 * 60_000, limit: 10, lockout: 15 * 60_000, slowAfter: 3 };
export const ADDRESS_POLICY: LimitPolicy = { window: 15 * 60_000, limit: 30, lockout: 15 * 60_000, slowAfter: 10 };

const MAX_KEYS = 100_000;

export class FailureLimiter {
  private counters = new Map<string, Counter>();
  constructor(private now: () => number = Date.now) {}

  private get(key: string, policy: LimitPolicy): Counter | undefined {
    const c = this.counters.get(key);
    if (!c) return undefined;
    const t = this.now();
    if (c.lockedUntil <= t && t - c.firstAt > policy.window) {
      this.counters.delete(key);
      return undefined;
    }
    return c;
  }

  /**
   * Seconds until every key is unlocked (0: not locked). Returns a number
   * rather than throwing: the limiter lives on globalThis, shared by Next's
   * separate server bundles, and an error class from one bundle is not
   * `instanceof` the same class in another.
   */
  lockedFor(keys: [string, LimitPolicy][]): number {
    const t = this.now();
    let wait = 0;
    for (const [key, policy] of keys) {
      const c = this.get(key, policy);
      if (c && c.lockedUntil > t) wait = Math.max(wait, c.lockedUntil - t);
    }
    return Math.ceil(wait / 1000);
  }

  /** How long to hold the next attempt: grows with failures past slowAfter, at most 1 s. */
  delayMs(keys: [string, LimitPolicy][]): number {
    let delay = 0;
    for (const [key, policy] of keys) {
      const c = this.get(key, policy);
      if (c && c.failures >= policy.slowAfter) delay = Math.max(delay, Math.min(1000, 100 * (c.failures - policy.slowAfter + 1)));
    }
    return delay;
  }

  fail(keys: [string, LimitPolicy][]) {
    const t = this.now();
    if (this.counters.size > MAX_KEYS) this.prune();
    for (const [key, policy] of keys) {
      const c = this.get(key, policy) ?? { failures: 0, firstAt: t, lockedUntil: 0 };
      c.failures += 1;
      if (c.failures >= policy.limit) c.lockedUntil = t + policy.lockout;
      this.counters.set(key, c);
    }
  }

  reset(key: string) {
    this.counters.delete(key);
  }

  private prune() {
    const t = this.now();
    for (const [key, c] of this.counters) if (c.lockedUntil <= t && t - c.firstAt > EMAIL_POLICY.window) this.counters.delete(key);
  }
}

const g = globalThis as unknown as { tollgateSignInLimiter?: FailureLimiter };
export const signInLimiter = (g.tollgateSignInLimiter ??= new FailureLimiter());
