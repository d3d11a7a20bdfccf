// The inspection worker's part of reading a conda package (package-info.ts
// is the server's): the bytes of info/index.json and info/about.json.
//   .conda    a zip; its `info-{stem}.tar.zst` member (the name conda itself
//             looks for, capped at MAX_INFO_MEMBER_BYTES compressed) is
//             zstd-decompressed as a stream into the tar reader
//   .tar.bz2  the first MAX_SCAN_BYTES decompressed into the tar reader,
//             stopped once the info/ members are behind us: conda-build
//             (cph) writes info/ first, smallest files first
import { Readable } from 'node:stream';
import { ArchiveError, readTarMembers, readZipMembers } from '@/lib/formats/archive';
import type { ByteSource } from '@/lib/formats/archive/byte-source';
import { bunzip2Prefix, zstdStream } from '@/lib/formats/archive/decompress';

/**
 * Decompressed bytes scanned for info/index.json: info/ is at the front of a
 * .tar.bz2, and a .conda's info archive holds nothing else (paths.json of
 * a package with tens of thousands of files is a few MB).
 */
export const MAX_SCAN_BYTES = 32 * 1024 * 1024;
/** The compressed info-*.tar.zst member of a .conda (it holds only metadata). */
export const MAX_INFO_MEMBER_BYTES = 4 * 1024 * 1024;

const INDEX = 'info/index.json';
const ABOUT = 'info/about.json';

export type CondaInfoArgs = { ext: '.conda' | '.tar.bz2'; stem: string; scanLimit?: number };
export type CondaInfoMembers = { index?: Uint8Array; about?: Uint8Array };

export async function condaInfoMembers(source: ByteSource, { ext, stem, scanLimit = MAX_SCAN_BYTES }: CondaInfoArgs): Promise<CondaInfoMembers> {
  const found = ext === '.conda' ? await condaInfo(source, stem, scanLimit) : await tarBz2Info(source, scanLimit);
  return { index: found.get(INDEX), about: found.get(ABOUT) };
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

const tooBig = (limit: number) => new ArchiveError(`no ${INDEX} in the first ${limit} decompressed bytes.`);

async function condaInfo(source: ByteSource, stem: string, scanLimit: number): Promise<Map<string, Buffer>> {
  const member = `info-${stem}.tar.zst`;
  const zip = await readZipMembers(source, (name) => name === member, MAX_INFO_MEMBER_BYTES);
  const compressed = zip.get(member);
  if (!compressed) throw new ArchiveError(`it has no ${member} member (a .conda must keep the name it was built with).`);
  const { want, done } = infoMembers();
  return readTarMembers(zstdStream(compressed, scanLimit, () => tooBig(scanLimit)), want, done);
}

async function tarBz2Info(source: ByteSource, scanLimit: number): Promise<Map<string, Buffer>> {
  const { data, complete } = await bunzip2Prefix(source, scanLimit);
  const { want, done } = infoMembers();
  try {
    const found = await readTarMembers(Readable.from([data]), want, done);
    if (!complete && !found.has(INDEX)) throw tooBig(scanLimit);
    return found;
  } catch (err) {
    // A tar cut off at the scan limit ends mid-member: that is the limit, not damage.
    if (!complete) throw tooBig(scanLimit);
    throw err;
  }
}
