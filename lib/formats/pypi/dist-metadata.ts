// The core metadata of a stored distribution, read from the archive itself:
// a wheel's `{dist}-{version}.dist-info/METADATA` (exactly one .dist-info
// directory at the top level, as pip requires), an sdist's top-level
// `{name}-{version}/PKG-INFO` (.tar.gz streamed and stopped at the first one,
// .zip by random access). Anything unreadable is a 400.
import { Transform, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';
import { ArchiveError, readTarMembers, readZipMembers } from '@/lib/formats/archive';
import { badRequest } from '@/lib/http/errors';
import { blobStore } from '@/lib/storage';
import { MetadataError, parseCoreMetadata, type CoreMetadata } from './core-metadata';
import type { DistKind } from './names';

/**
 * How much of an sdist's decompressed tar is scanned for PKG-INFO (which
 * build tools write near the start): a gzip bomb costs at most this.
 */
export const MAX_SDIST_SCAN_BYTES = 1024 ** 3;

const SDIST_PKG_INFO = /^[^/]+\/PKG-INFO$/;

export async function readDistMetadata(blobKey: string, size: number, kind: DistKind, scanLimit = MAX_SDIST_SCAN_BYTES): Promise<CoreMetadata> {
  try {
    const text = kind === 'wheel' ? await wheelMetadata(blobKey, size) : kind === 'sdist-zip' ? await zipSdistMetadata(blobKey, size) : await tarSdistMetadata(blobKey, scanLimit);
    return parseCoreMetadata(text.toString('utf8'));
  } catch (err) {
    if (err instanceof ArchiveError || err instanceof MetadataError) throw badRequest(`The distribution is malformed: ${err.message}`);
    throw err;
  }
}

async function wheelMetadata(blobKey: string, size: number): Promise<Buffer> {
  const dirs = new Set<string>();
  const found = await readZipMembers(blobKey, size, (name) => {
    const dir = /^([^/]+\.dist-info)\//.exec(name)?.[1];
    if (!dir) return false;
    dirs.add(dir);
    return name === `${dir}/METADATA`;
  });
  if (dirs.size !== 1) throw new ArchiveError(`a wheel has exactly one top-level .dist-info directory, this one has ${dirs.size}.`);
  const [dir] = dirs;
  const metadata = found.get(`${dir}/METADATA`);
  if (!metadata) throw new ArchiveError(`the wheel has no ${dir}/METADATA.`);
  return metadata;
}

async function zipSdistMetadata(blobKey: string, size: number): Promise<Buffer> {
  const found = await readZipMembers(blobKey, size, (name) => SDIST_PKG_INFO.test(name));
  const [first] = found.values();
  if (!first) throw new ArchiveError('the sdist has no top-level {name}-{version}/PKG-INFO.');
  return first;
}

async function tarSdistMetadata(blobKey: string, scanLimit: number): Promise<Buffer> {
  const raw = blobStore().read(blobKey);
  const gunzip = zlib.createGunzip();
  const capped = byteCap(scanLimit);
  // .pipe() forwards no errors: a failing read or a bad gzip must end the tar reader too.
  raw.on('error', (err) => capped.destroy(new ArchiveError(`the archive cannot be read (${err.message}).`)));
  gunzip.on('error', (err) => capped.destroy(new ArchiveError(`not a gzip file (${err.message}).`)));
  raw.pipe(gunzip).pipe(capped);
  try {
    const found = await readTarMembers(capped, (name) => SDIST_PKG_INFO.test(name), (f) => f.size > 0);
    const [first] = found.values();
    if (!first) throw new ArchiveError('the sdist has no top-level {name}-{version}/PKG-INFO.');
    return first;
  } finally {
    raw.destroy();
    gunzip.destroy();
  }
}

/** A pass-through that fails once more than `limit` bytes went through. */
function byteCap(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      seen += chunk.length;
      if (seen > limit) done(new ArchiveError(`no PKG-INFO in the first ${limit} bytes of the sdist.`));
      else done(null, chunk);
    },
  });
}
