import { describe, expect, it } from 'vitest';
import { generateSecret, hashSecret, isWellFormed, lastFour } from './secret';

describe('credential secrets', () => {
  it('have the documented shape for each kind', () => {
    expect(generateSecret('pat')).toMatch(/^tgp_[0-9A-Za-z]{38}$/);
    expect(generateSecret('entitlement')).toMatch(/^tge_[0-9A-Za-z]{38}$/);
    expect(generateSecret('invitation')).toMatch(/^tgi_[0-9A-Za-z]{38}$/);
  });
  it('pass their own checksum and fail a changed one', () => {
    const s = generateSecret('pat');
    expect(isWellFormed(s, 'pat')).toBe(true);
    expect(isWellFormed(s, 'invitation')).toBe(false);
    const flipped = s.slice(0, 10) + (s[10] === 'a' ? 'b' : 'a') + s.slice(11);
    expect(isWellFormed(flipped, 'pat')).toBe(false);
    expect(isWellFormed(s + 'x', 'pat')).toBe(false);
    expect(isWellFormed('tgp_short', 'pat')).toBe(false);
  });
  it('are unique and hashed to 64 hex characters', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => generateSecret('pat')));
    expect(seen.size).toBe(1000);
    const s = [...seen][0]!;
    expect(hashSecret(s)).toMatch(/^[0-9a-f]{64}$/);
    expect(lastFour(s)).toBe(s.slice(-4));
  });
});
