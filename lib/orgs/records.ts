// Creating an organization's rows: shared by sign-up (first org) and "create
// another org", so both set up the owner membership the same way. The signing
// key is made, encrypted, when a signed URL is first minted
// (lib/signed-urls/keys.ts).
import type { Tx } from '@/lib/db/client';

export async function insertOrganization(tx: Tx, input: { name: string; slug: string }, ownerId: string) {
  return tx.organization.create({
    data: {
      name: input.name,
      slug: input.slug,
      memberships: { create: { userId: ownerId, role: 'owner' } },
    },
  });
}
