// Blobs are shared by content, so a blob is deleted only when no artifact
// references it any more. A blob written in the last minute is left alone
// (an upload of the same bytes may be about to reference it; the store
// refreshes the time of a blob it deduplicates); the start-up sweep gets it.
import { db } from '@/lib/db/client';
import { blobStore } from './index';

const GRACE_MS = 60_000;

export async function collectBlobs(keys: string[]): Promise<number> {
  let removed = 0;
  for (const key of new Set(keys)) {
    const used = await db().artifact.count({ where: { blobKey: key } });
    if (used > 0) continue;
    const age = await blobStore().ageMs(key);
    if (age !== null && age > GRACE_MS) {
      await blobStore().delete(key);
      removed++;
    }
  }
  return removed;
}
