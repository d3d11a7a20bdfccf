import { describe, expect, it } from 'vitest';
import { decryptKey, deriveEncryptionKey, encryptKey, macMatches, newSigningKey, parseExpires, parseSignature, signature, signedPayload } from './crypto';
import { MAX_SIGNED_EXPIRY_MS, mintSignedUrlInput, parseSignedExpiry } from './schema';

const target = { format: 'raw', org: 'Acme', repo: 'Files', path: 'dir/app-1.0.tar.gz' };

describe('signatures', () => {
  it('bind method, canonical path, expiry and user; HEAD verifies as GET', () => {
    const key = newSigningKey();
    const sig = parseSignature(signature(key, 3, 'GET', target, 1_900_000_000, 'cuser1'))!;
    expect(sig).toMatchObject({ version: 3, userId: 'cuser1' });
    const ok = (method: string, t = target, expires = 1_900_000_000, user = 'cuser1') => macMatches(key, signedPayload(method, t, expires, user), sig.mac);
    expect(ok('GET')).toBe(true);
    expect(ok('HEAD')).toBe(true);
    expect(ok('GET', { ...target, org: 'acme', repo: 'files' })).toBe(true);
    expect(ok('PUT')).toBe(false);
    expect(ok('GET', { ...target, path: 'dir/app-1.1.tar.gz' })).toBe(false);
    expect(ok('GET', { ...target, format: 'pypi' })).toBe(false);
    expect(ok('GET', { ...target, repo: 'other' })).toBe(false);
    expect(ok('GET', target, 1_900_000_001)).toBe(false);
    expect(ok('GET', target, 1_900_000_000, 'cuser2')).toBe(false);
    expect(macMatches(newSigningKey(), signedPayload('GET', target, 1_900_000_000, 'cuser1'), sig.mac)).toBe(false);
    expect(macMatches(key, signedPayload('GET', target, 1_900_000_000, 'cuser1'), sig.mac.slice(1))).toBe(false);
  });

  it('parse only the shapes they are minted in', () => {
    for (const bad of ['', '1.u', '0.u.' + 'A'.repeat(43), '1.U.' + 'A'.repeat(43), '1.u.' + 'A'.repeat(42), '1.u.' + 'A'.repeat(43) + '=', 'x.u.' + 'A'.repeat(43)]) {
      expect(parseSignature(bad), bad).toBeNull();
    }
    for (const bad of ['', '0', '-1', '1e9', '12.5', ' 1', '9999999999999']) expect(parseExpires(bad), bad).toBeNull();
    expect(parseExpires('1900000000')).toBe(1_900_000_000);
  });
});

describe('encryption at rest', () => {
  it('round-trips under the same server key and row, and opens nothing else', () => {
    const enc = deriveEncryptionKey('a server secret of at least thirty-two chars');
    const plain = newSigningKey();
    const c = encryptKey(enc, plain, 'org1', 2);
    expect(c).toMatch(/^v1\./);
    expect(c).not.toContain(plain.toString('base64url'));
    expect(encryptKey(enc, plain, 'org1', 2)).not.toBe(c); // a fresh IV each time
    expect(decryptKey(enc, c, 'org1', 2)!.equals(plain)).toBe(true);
    expect(decryptKey(deriveEncryptionKey('another server secret, thirty-two chars'), c, 'org1', 2)).toBeNull();
    expect(decryptKey(enc, c, 'org2', 2)).toBeNull();
    expect(decryptKey(enc, c, 'org1', 3)).toBeNull();
    const parts = c.split('.');
    parts[3] = (parts[3]![0] === 'A' ? 'B' : 'A') + parts[3]!.slice(1);
    expect(decryptKey(enc, parts.join('.'), 'org1', 2)).toBeNull();
    expect(decryptKey(enc, 'garbage', 'org1', 2)).toBeNull();
  });
});

describe('expiry', () => {
  it('defaults to nothing here, accepts up to 30 days and refuses more', () => {
    expect(parseSignedExpiry('1h')).toBe(3600_000);
    expect(parseSignedExpiry('30d')).toBe(MAX_SIGNED_EXPIRY_MS);
    for (const ok of ['2s', '90m', '12h', '7d', '4w', '720h']) expect(mintSignedUrlInput.safeParse({ path: 'a', expiresIn: ok }).success, ok).toBe(true);
    for (const bad of ['31d', '5w', '721h', 'never', '1y', '0s', '', '1.5h']) expect(mintSignedUrlInput.safeParse({ path: 'a', expiresIn: bad }).success, bad).toBe(false);
  });
});
