import { describe, expect, it } from 'vitest';
import { lengthensValidity } from './validity';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const at = (offsetMs: number) => new Date(NOW + offsetMs);
const HOUR = 3_600_000;

describe('lengthensValidity', () => {
  it('an active token with an expiry: removing it or moving it later lengthens; earlier or unchanged does not', () => {
    const t = { expiresAt: at(HOUR), revokedAt: null };
    expect(lengthensValidity(t, null, NOW)).toBe(true);
    expect(lengthensValidity(t, at(2 * HOUR), NOW)).toBe(true);
    expect(lengthensValidity(t, at(HOUR / 2), NOW)).toBe(false);
    expect(lengthensValidity(t, at(HOUR), NOW)).toBe(false);
    expect(lengthensValidity(t, undefined, NOW)).toBe(false);
  });

  it('a token that never expires: setting a date shortens it', () => {
    const t = { expiresAt: null, revokedAt: null };
    expect(lengthensValidity(t, at(HOUR), NOW)).toBe(false);
    expect(lengthensValidity(t, null, NOW)).toBe(false);
  });

  it('any edit of an expired or revoked token counts, even a rename', () => {
    expect(lengthensValidity({ expiresAt: at(-1), revokedAt: null }, undefined, NOW)).toBe(true);
    expect(lengthensValidity({ expiresAt: at(-HOUR), revokedAt: null }, at(-HOUR / 2), NOW)).toBe(true);
    expect(lengthensValidity({ expiresAt: null, revokedAt: at(-HOUR) }, undefined, NOW)).toBe(true);
  });
});
