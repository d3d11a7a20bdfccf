// The arithmetic of signed URLs and of the signing keys' encryption at rest.
// Pure (node:crypto only, no database, no configuration), so it is unit-tested
// on its own; lib/signed-urls/service.ts mints and rotates, and
// lib/native/signed-url.ts verifies on the download path.
//
// A signed URL is `<download URL of the file>?expires=<unix seconds>&signature=<version>.<user id>.<mac>`
// with mac = base64url(HMAC-SHA256(key of that version, "GET\n<format>/<org>/<repo>/<path>\n<expires>\n<user id>")).
// The path is the canonical one (lower-case org and repository, the decoded
// artifact path), so a client re-encoding the URL does not break it; HEAD is
// verified as GET. The user id names who minted it (the download log records
// them); the version names the key, which must still be the organization's
// current one when the URL is used.
import crypto from 'node:crypto';

export const SIGNED_METHOD = 'GET';

export type SignedTarget = { format: string; org: string; repo: string; path: string };

export type SignatureParts = { version: number; userId: string; mac: string };

/** The string the HMAC covers. */
export function signedPayload(method: string, target: SignedTarget, expires: number, userId: string): string {
  const m = method.toUpperCase() === 'HEAD' ? SIGNED_METHOD : method.toUpperCase();
  return `${m}\n${target.format}/${target.org.toLowerCase()}/${target.repo.toLowerCase()}/${target.path}\n${expires}\n${userId}`;
}

export function mac(key: Buffer, payload: string): string {
  return crypto.createHmac('sha256', key).update(payload, 'utf8').digest('base64url');
}

export function signature(key: Buffer, version: number, method: string, target: SignedTarget, expires: number, userId: string): string {
  return `${version}.${userId}.${mac(key, signedPayload(method, target, expires, userId))}`;
}

// 32 bytes of HMAC-SHA256 in base64url: 43 characters. User ids are cuids.
const SIGNATURE_RE = /^([1-9]\d{0,9})\.([a-z0-9]{1,40})\.([A-Za-z0-9_-]{43})$/;
const EXPIRES_RE = /^[1-9]\d{0,11}$/;

/** The parts of a `signature` parameter, or null when it has not the shape (no database for garbage). */
export function parseSignature(value: string): SignatureParts | null {
  const m = SIGNATURE_RE.exec(value);
  return m ? { version: Number(m[1]), userId: m[2]!, mac: m[3]! } : null;
}

/** The `expires` parameter as unix seconds, or null when malformed. */
export function parseExpires(value: string | null | undefined): number | null {
  return value && EXPIRES_RE.test(value) ? Number(value) : null;
}

/** Whether `presented` is the MAC of the payload under `key`, compared in constant time. */
export function macMatches(key: Buffer, payload: string, presented: string): boolean {
  const expected = Buffer.from(mac(key, payload), 'utf8');
  const given = Buffer.from(presented, 'utf8');
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

// ── Encryption at rest ─────────────────────────────────────────────────────────────────────
// AES-256-GCM under a 256-bit key derived (HKDF-SHA256) from the server's
// secret key; the row's organization and version are the additional data, so
// a ciphertext copied onto another row does not decrypt.
const FORMAT = 'v1';

export function deriveEncryptionKey(secretKey: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', Buffer.from(secretKey, 'utf8'), Buffer.alloc(0), 'tollgate signing keys v1', 32));
}

const aad = (orgId: string, version: number) => Buffer.from(`${orgId}:${version}`, 'utf8');

export function encryptKey(encryptionKey: Buffer, plain: Buffer, orgId: string, version: number): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', encryptionKey, iv);
  cipher.setAAD(aad(orgId, version));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return [FORMAT, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

/** The key in a ciphertext, or null when it does not decrypt with this encryption key (wrong key, tampered, another row's). */
export function decryptKey(encryptionKey: Buffer, ciphertext: string, orgId: string, version: number): Buffer | null {
  const [format, iv, tag, body] = ciphertext.split('.');
  if (format !== FORMAT || !iv || !tag || body === undefined) return null;
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', encryptionKey, Buffer.from(iv, 'base64url'));
    decipher.setAAD(aad(orgId, version));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
  } catch {
    return null;
  }
}

/** A new signing key: 32 bytes from the CSPRNG. */
export const newSigningKey = () => crypto.randomBytes(32);
