// Creating an organization's rows: shared by sign-up (first org) and "create
// another org", so both set up the owner membership and the first signing key
// the same way.
import crypto from 'node:crypto';
import type { Tx } from '@/lib/db/client';

export async function insertOrganization(tx: Tx, input: { name: string; slug: string }, ownerId: string) {
  return tx.organization.create({
    data: {
      name: input.name,
      slug: input.slug,
      memberships: { create: { userId: ownerId, role: 'owner' } },
      signingKeys: { create: { version: 1, secret: crypto.randomBytes(32).toString('base64url') } },
    },
  });
}
