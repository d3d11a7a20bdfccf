// info/index.json and info/about.json of a stored conda package, read from
// the archive itself without unpacking it:
//   .conda    a zip; its `info-{stem}.tar.zst` member (the name conda itself
//             looks for) is zstd-decompressed as a stream into the tar reader
//   .tar.bz2  bunzip2 as a stream into the tar reader, stopped once the info/
//             members (which conda packages put first) are behind us
// Decompression is capped, so a compression bomb costs at most the cap.
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { Decompress } from 'fzstd';
import bz2 from 'unbzip2-stream';
import { ArchiveError, readTarMembers, readZipMembers } from '@/lib/formats/archive';
import { badRequest } from '@/lib/http/errors';
import { blobStore } from '@/lib/storage';
import { MetadataError, parseAbout, parseIndex, type CondaMetadata } from './metadata';
import type { PackageFile } from './names';

/** Decompressed bytes scanned for info/index.json (a .tar.bz2 whose info/ is not at the front fails past it). */
export const MAX_SCAN_BYTES = 1024 ** 3;
/** The compressed info-*.tar.zst member of a .conda (it holds only metadata). */
const MAX_INFO_MEMBER_BYTES = 256 * 1024 * 1024;
/** fzstd is fed this much at a time: one push yields at most ~32,000 times as much. */
const ZSTD_INPUT_CHUNK = 1024;

const INDEX = 'info/index.json';
const ABOUT = 'info/about.json';

/** The checked metadata of a stored package; a malformed archive is a 400. */
export async function readPackageInfo(blobKey: string, size: number, file: PackageFile, scanLimit = MAX_SCAN_BYTES): Promise<CondaMetadata> {
  try {
    const found = file.ext === '.conda' ? await condaInfo(blobKey, size, file.stem, scanLimit) : await tarBz2Info(blobKey, scanLimit);
    const index = found.get(INDEX);
    if (!index) throw new ArchiveError(`it has no ${INDEX}.`);
    const about = parseAbout(found.get(ABOUT));
    return { index: parseIndex(index), ...(about ? { about } : {}) };
  } catch (err) {
    if (err instanceof ArchiveError || err instanceof MetadataError) throw badRequest(`${file.file} is not a valid conda package: ${err.message}`);
    throw err;
  }
}

/** The tar reader's wish list: stop once index.json is in and about.json is too, or info/ is over. */
function infoMembers() {
  let pastInfo = false;
  return {
    want: (name: string) => {
      if (!name.startsWith('info/')) pastInfo = true;
      return name === INDEX || name === ABOUT;
    },
    done: (found: Map<string, Buffer>) => found.has(INDEX) && (found.has(ABOUT) || pastInfo),
  };
}

async function condaInfo(blobKey: string, size: number, stem: string, scanLimit: number): Promise<Map<string, Buffer>> {
  const member = `info-${stem}.tar.zst`;
  const zip = await readZipMembers(blobKey, size, (name) => name === member, MAX_INFO_MEMBER_BYTES);
  const compressed = zip.get(member);
  if (!compressed) throw new ArchiveError(`it has no ${member} member (a .conda must keep the name it was built with).`);
  const { want, done } = infoMembers();
  return readTarMembers(zstdStream(compressed, scanLimit), want, done);
}

async function tarBz2Info(blobKey: string, scanLimit: number): Promise<Map<string, Buffer>> {
  const raw = blobStore().read(blobKey);
  const bunzip = bunzip2(scanLimit);
  // .pipe() forwards no errors: a failing read must end the tar reader too.
  raw.on('error', (err) => bunzip.destroy(new ArchiveError(`the archive cannot be read (${err.message}).`)));
  raw.pipe(bunzip);
  const { want, done } = infoMembers();
  try {
    return await readTarMembers(bunzip, want, done);
  } finally {
    raw.destroy();
    bunzip.destroy();
  }
}

const tooBig = (limit: number) => new ArchiveError(`no ${INDEX} in the first ${limit} decompressed bytes.`);

/**
 * A zstd stream of `compressed`, fed to fzstd a little at a time as the
 * reader asks, so stopping early stops decompressing; more than `limit`
 * decompressed bytes is an ArchiveError.
 */
export function zstdStream(compressed: Buffer, limit: number): Readable {
  let offset = 0;
  let produced = 0;
  const out = new Readable({
    read() {
      try {
        const before = produced;
        while (produced === before && offset < compressed.length) {
          const end = Math.min(offset + ZSTD_INPUT_CHUNK, compressed.length);
          decoder.push(compressed.subarray(offset, end), end === compressed.length);
          offset = end;
        }
        if (offset >= compressed.length) this.push(null);
      } catch (err) {
        this.destroy(err instanceof ArchiveError ? err : new ArchiveError(`the info archive is not valid zstd (${(err as Error).message}).`));
      }
    },
  });
  const decoder = new Decompress((chunk) => {
    produced += chunk.length;
    if (produced > limit) throw tooBig(limit);
    out.push(Buffer.from(chunk)); // a copy: fzstd may reuse its window
  });
  return out;
}

/**
 * unbzip2-stream as a Transform with a cap on its output. It decompresses
 * whole blocks synchronously inside write(); throwing from its data handler
 * is what stops it mid-way (it turns the throw into an 'error').
 */
export function bunzip2(limit: number): Transform {
  const inner = bz2();
  let produced = 0;
  let flushed: TransformCallback | null = null;
  const t = new Transform({
    transform(chunk: Buffer, _enc, callback) {
      inner.write(chunk);
      callback();
    },
    flush(callback) {
      flushed = callback;
      inner.end();
    },
  });
  inner.on('data', (chunk: Buffer) => {
    if (t.destroyed) return;
    produced += chunk.length;
    if (produced > limit) throw tooBig(limit);
    t.push(chunk);
  });
  inner.on('end', () => flushed?.());
  inner.on('error', (err: Error) => t.destroy(err instanceof ArchiveError ? err : new ArchiveError(`not a bzip2 file (${err.message}).`)));
  return t;
}
