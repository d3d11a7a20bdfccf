// The inspection worker's part of reading an npm package tarball (a gzipped
// tar with everything under `package/`; tarball.ts is the server's): its
// package.json, the member list and the texts a manifest needs, in one
// streamed pass. What is kept is bounded whatever the tarball holds: one
// README (the one npm would choose, decided as candidates stream by, so
// the bytes of a worse one are dropped before the next is read), AUTHORS,
// and at most MAX_NAMES member names of MAX_NAME_LENGTH bytes each,
// MAX_NAMES_BYTES in all.
import { ArchiveError, MAX_MEMBER_BYTES, readTarMembers } from '@/lib/formats/archive';
import type { ByteSource } from '@/lib/formats/archive/byte-source';
import { gunzip } from '@/lib/formats/archive/decompress';
import { chooseReadme, isReadmeCandidate } from './manifest';

/**
 * How much of the decompressed tar is read (the whole of it: the member list
 * decides _hasShrinkwrap and a few scripts). More is a gzip bomb, not a
 * package: the public registry refuses far smaller ones.
 */
export const MAX_UNPACKED_BYTES = 1024 ** 3;
/** npm publish only needs to know whether npm-shrinkwrap.json is there: a smaller scan. */
export const MAX_SHRINKWRAP_SCAN_BYTES = 256 * 1024 ** 2;
/** Member names kept; far above real packages (a few thousand files at most). */
export const MAX_NAMES = 100_000;
export const MAX_NAMES_BYTES = 16 * 1024 ** 2;
/** A longer member name is refused: no file system takes paths past 4096 bytes. */
export const MAX_NAME_LENGTH = 4096;
/** The README and AUTHORS kept, together. */
export const MAX_TEXT_BYTES = 8 * 1024 ** 2;

export type NpmTarballArgs = { scanLimit?: number };
export type NpmTarballMembers = { packageJson?: Uint8Array; files: string[]; texts: [string, string][] };

const PREFIX = 'package/';
const unpackedTooBig = (limit: number) => () => new ArchiveError(`it unpacks to more than ${limit} bytes`);

/** The byte length of a member name, refused past MAX_NAME_LENGTH. */
function checkName(file: string): number {
  const bytes = Buffer.byteLength(file);
  if (bytes > MAX_NAME_LENGTH) throw new ArchiveError(`it has a member name of ${bytes} bytes; at most ${MAX_NAME_LENGTH} are accepted`);
  return bytes;
}

export async function npmTarballMembers(source: ByteSource, { scanLimit = MAX_UNPACKED_BYTES }: NpmTarballArgs): Promise<NpmTarballMembers> {
  const files = new Set<string>();
  let nameBytes = 0;
  let readme: string | undefined;
  const want = (member: string, found: Map<string, Buffer>) => {
    if (!member.startsWith(PREFIX)) return false;
    const file = member.slice(PREFIX.length);
    const bytes = checkName(file);
    if (!files.has(file)) {
      nameBytes += bytes;
      files.add(file);
      if (files.size > MAX_NAMES) throw new ArchiveError(`it has more than ${MAX_NAMES} members`);
      if (nameBytes > MAX_NAMES_BYTES) throw new ArchiveError(`its member names add up to more than ${MAX_NAMES_BYTES} bytes`);
    }
    if (file === 'package.json' || file === 'AUTHORS') return true;
    if (!isReadmeCandidate(file)) return false;
    const best = readme === undefined ? chooseReadme([file]) : chooseReadme([readme, file]);
    if (best !== file || best === readme) return false;
    if (readme !== undefined) found.delete(PREFIX + readme);
    readme = file;
    return true;
  };
  const found = await readTarMembers(gunzip(source, scanLimit, unpackedTooBig(scanLimit)), want);
  const texts: [string, string][] = [];
  let textBytes = 0;
  for (const [member, bytes] of found) {
    if (member === `${PREFIX}package.json`) continue;
    textBytes += bytes.length;
    texts.push([member.slice(PREFIX.length), bytes.toString('utf8')]);
  }
  if (textBytes > MAX_TEXT_BYTES) throw new ArchiveError(`its README and AUTHORS are more than ${MAX_TEXT_BYTES} bytes together`);
  return { packageJson: found.get(`${PREFIX}package.json`), files: [...files], texts };
}

/**
 * Whether the tarball holds package/npm-shrinkwrap.json, reading no further
 * than needed (at most `scanLimit` unpacked bytes: past it, an ArchiveError).
 * A tarball that cannot be read has none: publish has accepted any bytes
 * its digests match.
 */
export async function npmHasShrinkwrap(source: ByteSource, { scanLimit = MAX_SHRINKWRAP_SCAN_BYTES }: NpmTarballArgs): Promise<boolean> {
  let seen = false;
  const want = (member: string) => {
    checkName(member.startsWith(PREFIX) ? member.slice(PREFIX.length) : member);
    if (member === `${PREFIX}npm-shrinkwrap.json`) seen = true;
    return false;
  };
  const tooBig = () => new ArchiveError(`the tarball unpacks to more than the ${scanLimit} bytes publish reads`);
  try {
    await readTarMembers(gunzip(source, scanLimit, tooBig), want, () => seen, MAX_MEMBER_BYTES);
    return seen;
  } catch (err) {
    if (err instanceof ArchiveError && /unpacks to more than|member name of/.test(err.message)) throw err;
    if (err instanceof ArchiveError) return seen;
    throw err;
  }
}
