// info/index.json and info/about.json of a stored conda package, read from
// the archive itself without unpacking it: the inspection worker extracts
// them (info-members.ts, where the bounds are), the server parses them.
import { ArchiveError } from '@/lib/formats/archive/errors';
import { asBuffer, blobSource, inspectArchive } from '@/lib/formats/archive/inspect';
import { badRequest } from '@/lib/http/errors';
import { MetadataError, parseAbout, parseIndex, type CondaMetadata } from './metadata';
import type { PackageFile } from './names';

/** The checked metadata of a stored package; a malformed, hostile or too slow archive is a 400. */
export async function readPackageInfo(blobKey: string, size: number, file: PackageFile, scanLimit?: number): Promise<CondaMetadata> {
  try {
    const found = await inspectArchive('conda-info', { ext: file.ext, stem: file.stem, scanLimit }, blobSource(blobKey, size));
    const index = asBuffer(found.index);
    if (!index) throw new ArchiveError('it has no info/index.json.');
    const about = parseAbout(asBuffer(found.about));
    return { index: parseIndex(index), ...(about ? { about } : {}) };
  } catch (err) {
    if (err instanceof ArchiveError || err instanceof MetadataError) throw badRequest(`${file.file} is not a valid conda package: ${err.message}`);
    throw err;
  }
}
