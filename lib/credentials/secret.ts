// Credential secrets (docs/permissions.md "Credentials"): `tg<kind>_` + 32 base62
// characters from a CSPRNG + 6 base62 characters of the CRC32 of the random
// part. The prefix lets secret scanners find leaked tokens; the checksum lets
// the server refuse a mistyped or made-up token before any database query.
// Only SHA-256 of a secret is stored; lookups are by that hash.
import crypto from 'node:crypto';
import zlib from 'node:zlib';

export const SECRET_KINDS = { pat: 'p', entitlement: 'e', invitation: 'i' } as const;
export type SecretKind = keyof typeof SECRET_KINDS;

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BODY_LENGTH = 32;
const CHECKSUM_LENGTH = 6;

export const prefixOf = (kind: SecretKind) => `tg${SECRET_KINDS[kind]}_`;

function base62(n: number, width: number): string {
  let out = '';
  for (let i = 0; i < width; i++) {
    out = ALPHABET[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}

function randomBase62(length: number): string {
  // Rejection sampling: bytes ≥ 248 (= 62 × 4) are dropped so every character
  // is equally likely.
  let out = '';
  while (out.length < length) {
    for (const byte of crypto.randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

const checksum = (body: string) => base62(zlib.crc32(body), CHECKSUM_LENGTH);

export function generateSecret(kind: SecretKind): string {
  const body = randomBase62(BODY_LENGTH);
  return `${prefixOf(kind)}${body}${checksum(body)}`;
}

const SHAPE = /^tg([pei])_([0-9A-Za-z]{32})([0-9A-Za-z]{6})$/;

/** True when `secret` has the shape and checksum of a secret of this kind. No I/O. */
export function isWellFormed(secret: string, kind: SecretKind): boolean {
  const m = SHAPE.exec(secret);
  return !!m && m[1] === SECRET_KINDS[kind] && checksum(m[2]!) === m[3];
}

export function hashSecret(secret: string): string {
  return crypto.createHash('sha256').update(secret).digest('hex');
}

export const lastFour = (secret: string) => secret.slice(-4);
