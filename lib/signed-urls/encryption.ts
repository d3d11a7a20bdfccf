// The server's key that encrypts organizations' signing keys at rest:
// TOLLGATE_SECRET_KEY when set (every instance of a multi-instance deployment
// must be given the same), otherwise one generated on first use into
// DATA_DIR/secrets.json (mode 0600). Never in the database, so a copy of the
// database alone cannot mint or verify a signed URL (docs/security.md).
import { env, generatedSecret } from '@/lib/env';
import { decryptKey, deriveEncryptionKey, encryptKey } from './crypto';

let cached: Buffer | null = null;

/** Read (or created) once per process: the download path decrypts with it on every signed request. */
function encryptionKey(): Buffer {
  if (!cached) {
    const e = env();
    cached = deriveEncryptionKey(e.secretKey ?? generatedSecret(e.dataDir, 'signingKeyEncryptionKey'));
  }
  return cached;
}

export const sealSigningKey = (plain: Buffer, orgId: string, version: number) => encryptKey(encryptionKey(), plain, orgId, version);

export const openSigningKey = (ciphertext: string, orgId: string, version: number) => decryptKey(encryptionKey(), ciphertext, orgId, version);
