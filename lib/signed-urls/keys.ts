// Organizations' signing keys (server-only). Only the version named by
// Organization.signingKeyVersion signs and verifies; a key row for it is
// created, encrypted, the first time it is needed (an organization starts with
// none, and migration 0004 dropped the clear-text ones), and rotation makes
// the next version current in one transaction.
import type { Db, Tx } from '@/lib/db/client';
import { db } from '@/lib/db/client';
import { internalError } from '@/lib/http/errors';
import { newSigningKey } from './crypto';
import { openSigningKey, sealSigningKey } from './encryption';

const isUniqueViolation = (err: unknown) => (err as { code?: unknown } | null)?.code === 'P2002';

export type SigningKeyInUse = { id: string; version: number; key: Buffer };

async function insertKey(client: Pick<Db, 'signingKey'>, orgId: string, version: number) {
  const plain = newSigningKey();
  const row = await client.signingKey.create({ data: { orgId, version, ciphertext: sealSigningKey(plain, orgId, version) } });
  return { id: row.id, version, key: plain };
}

/** The organization's current key, decrypted; created when the current version has no row yet. */
export async function currentSigningKey(orgId: string): Promise<SigningKeyInUse> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const org = await db().organization.findUniqueOrThrow({ where: { id: orgId }, select: { signingKeyVersion: true } });
    const version = org.signingKeyVersion;
    const row = await db().signingKey.findUnique({ where: { orgId_version: { orgId, version } } });
    if (row) {
      const key = openSigningKey(row.ciphertext, orgId, version);
      if (!key) {
        throw internalError(
          'The signing key cannot be decrypted with this server\'s secret key (TOLLGATE_SECRET_KEY, or DATA_DIR/secrets.json). '
          + 'Restore that key, or rotate the signing key to make a new one.',
        );
      }
      return { id: row.id, version, key };
    }
    try {
      return await insertKey(db(), orgId, version);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err; // another request created it meanwhile: read it
    }
  }
  throw internalError('The signing key could not be read.');
}

/** Makes a new key current (in the caller's transaction) and retires the others; returns the new version. */
export async function rotateKey(tx: Tx, orgId: string): Promise<number> {
  const org = await tx.organization.update({ where: { id: orgId }, data: { signingKeyVersion: { increment: 1 } }, select: { signingKeyVersion: true } });
  const version = org.signingKeyVersion;
  await tx.signingKey.updateMany({ where: { orgId, retiredAt: null, version: { not: version } }, data: { retiredAt: new Date() } });
  await insertKey(tx, orgId, version);
  return version;
}
