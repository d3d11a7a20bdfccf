// Brute-force protection for sign-in, designed so that an attacker cannot lock
// a user out (anyone can send wrong passwords for any e-mail):
// - per e-mail: only slowed down, never locked. Past a few failures each
//   attempt for that e-mail waits before it is answered, doubling up to a few
//   seconds. The real user, signing in from anywhere, still gets in.
// - per e-mail + client address: locked after a handful of failures. This is
//   what stops one address guessing one account, and it only shuts out that
//   address for that e-mail.
// - per client address: slowed, then locked after more failures (password
//   spraying across many e-mails). Behind a reverse proxy, set TRUST_PROXY, or
//   every user shares the proxy's address (and its lock).
// An attempt is counted when it starts, not when it fails, so a burst of
// concurrent requests cannot all slip under a limit; a success takes its own
// count back. In memory: one instance's view, reset on restart (documented in
// the README; a shared store is the multi-instance follow-up).

type Counter = { failures: number; firstAt: number; lockedUntil: number };

export type LimitPolicy = {
  window: number;
  /** Failures within the window that lock the key; null: never locks (slowdown only). */
  limit: number | null;
  lockout: number;
  slowAfter: number;
  /** How long to hold an attempt once failures >= slowAfter (`over` = failures - slowAfter). */
  delay: (over: number) => number;
};

const MINUTE = 60_000;

/** Per e-mail: 100 ms after 3 failures, doubling, at most 3 s; never a lock. */
export const EMAIL_POLICY: LimitPolicy = {
  window: 15 * MINUTE, limit: null, lockout: 0, slowAfter: 3,
  delay: (over) => Math.min(3000, 100 * 2 ** Math.min(over, 10)),
};
/** Per e-mail and address: locked for 15 min after 10 failures in 15 min. */
export const PAIR_POLICY: LimitPolicy = {
  window: 15 * MINUTE, limit: 10, lockout: 15 * MINUTE, slowAfter: Infinity, delay: () => 0,
};
/** Per address: 100 ms more per failure past 10 (at most 1 s), locked for 15 min at 30. */
export const ADDRESS_POLICY: LimitPolicy = {
  window: 15 * MINUTE, limit: 30, lockout: 15 * MINUTE, slowAfter: 10,
  delay: (over) => Math.min(1000, 100 * (over + 1)),
};

const MAX_KEYS = 100_000;
const LONGEST_WINDOW = 15 * MINUTE;

export type LimiterKeys = { reset: boolean; key: string; policy: LimitPolicy }[];

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
  lockedFor(keys: LimiterKeys): number {
    const t = this.now();
    let wait = 0;
    for (const { key, policy } of keys) {
      const c = this.get(key, policy);
      if (c && c.lockedUntil > t) wait = Math.max(wait, c.lockedUntil - t);
    }
    return Math.ceil(wait / 1000);
  }

  /** How long to hold the next attempt: the longest delay any key asks for. */
  delayMs(keys: LimiterKeys): number {
    let delay = 0;
    for (const { key, policy } of keys) {
      const c = this.get(key, policy);
      if (c && c.failures >= policy.slowAfter) delay = Math.max(delay, policy.delay(c.failures - policy.slowAfter));
    }
    return delay;
  }

  /** Counts an attempt as a failure (call before checking the password; `succeeded` takes it back). */
  fail(keys: LimiterKeys) {
    const t = this.now();
    if (this.counters.size > MAX_KEYS) this.prune();
    for (const { key, policy } of keys) {
      const c = this.get(key, policy) ?? { failures: 0, firstAt: t, lockedUntil: 0 };
      c.failures += 1;
      if (policy.limit !== null && c.failures >= policy.limit) c.lockedUntil = t + policy.lockout;
      this.counters.set(key, c);
    }
  }

  /**
   * The attempt counted by fail() succeeded: keys marked `reset` (the e-mail
   * and the e-mail + address pair) start over; the others (the address) only
   * lose this attempt, so signing in to one's own account between guesses
   * does not wipe an address's record.
   */
  succeeded(keys: LimiterKeys) {
    for (const { key, policy, reset } of keys) {
      if (reset) {
        this.counters.delete(key);
        continue;
      }
      const c = this.get(key, policy);
      if (!c) continue;
      c.failures = Math.max(0, c.failures - 1);
      if (policy.limit === null || c.failures < policy.limit) c.lockedUntil = 0;
    }
  }

  private prune() {
    const t = this.now();
    for (const [key, c] of this.counters) if (c.lockedUntil <= t && t - c.firstAt > LONGEST_WINDOW) this.counters.delete(key);
  }
}

/** The keys of one sign-in attempt. */
export const signInKeys = (email: string, address: string): LimiterKeys => [
  { key: `email:${email}`, policy: EMAIL_POLICY, reset: true },
  { key: `pair:${address}|${email}`, policy: PAIR_POLICY, reset: true },
  { key: `address:${address}`, policy: ADDRESS_POLICY, reset: false },
];

const g = globalThis as unknown as { tollgateSignInLimiter?: FailureLimiter };
export const signInLimiter = (g.tollgateSignInLimiter ??= new FailureLimiter());

/**
 * Fixed-window attempt counter (sign-up per address): at most `limit`
 * attempts per `window`; the answer is the seconds to wait, 0 when allowed.
 */
export class AttemptLimiter {
  private windows = new Map<string, { count: number; startedAt: number }>();
  constructor(private now: () => number = Date.now) {}

  hit(key: string, limit: number, window: number): number {
    const t = this.now();
    if (this.windows.size > MAX_KEYS) {
      for (const [k, w] of this.windows) if (t - w.startedAt >= window) this.windows.delete(k);
    }
    let w = this.windows.get(key);
    if (!w || t - w.startedAt >= window) {
      w = { count: 0, startedAt: t };
      this.windows.set(key, w);
    }
    if (w.count >= limit) return Math.max(1, Math.ceil((w.startedAt + window - t) / 1000));
    w.count += 1;
    return 0;
  }
}

const gs = globalThis as unknown as { tollgateSignupLimiter?: AttemptLimiter };
export const signupLimiter = (gs.tollgateSignupLimiter ??= new AttemptLimiter());
