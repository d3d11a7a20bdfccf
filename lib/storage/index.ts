// The process's blob store (a local directory under DATA_DIR today).
import path from 'node:path';
import { env } from '@/lib/env';
import type { BlobStore } from './blob-store';
import { LocalBlobStore } from './local-store';

export * from './blob-store';

const g = globalThis as unknown as { tollgateBlobs?: BlobStore };

export function blobStore(): BlobStore {
  g.tollgateBlobs ??= new LocalBlobStore(path.join(env().dataDir, 'blobs'));
  return g.tollgateBlobs;
}
