// The core metadata of a stored distribution, read from the archive itself
// by the inspection worker (metadata-member.ts) and parsed here. Anything
// unreadable, too large or too slow to read is a 400.
import { ArchiveError } from '@/lib/formats/archive/errors';
import { asBuffer, blobSource, inspectArchive } from '@/lib/formats/archive/inspect';
import { badRequest } from '@/lib/http/errors';
import { MetadataError, parseCoreMetadata, type CoreMetadata } from './core-metadata';
import type { DistKind } from './names';

export async function readDistMetadata(blobKey: string, size: number, kind: DistKind, scanLimit?: number): Promise<CoreMetadata> {
  try {
    const text = asBuffer(await inspectArchive('pypi-metadata', { kind, scanLimit }, blobSource(blobKey, size)))!;
    return parseCoreMetadata(text.toString('utf8'));
  } catch (err) {
    if (err instanceof ArchiveError || err instanceof MetadataError) throw badRequest(`The distribution is malformed: ${err.message}`);
    throw err;
  }
}
