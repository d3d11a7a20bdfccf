// What the inspection worker can be asked to do, by name: each recipe takes
// the archive's bytes and plain arguments and returns what structured clone
// can carry (Uint8Array for bytes). The format recipes know their archives;
// `members` is the generic one a new format can use before it needs its own
// (e.g. CRAN's `{package}/DESCRIPTION` in a .tar.gz).
import { condaInfoMembers } from '@/lib/formats/conda/info-members';
import { npmHasShrinkwrap, npmTarballMembers } from '@/lib/formats/npm/tarball-members';
import { distMetadataMember } from '@/lib/formats/pypi/metadata-member';
import { Readable } from 'node:stream';
import type { ByteSource } from './byte-source';
import { bunzip2Prefix, gunzip } from './decompress';
import { ArchiveError } from './errors';
import { MAX_MEMBER_BYTES, readTarMembers, readZipMembers } from './index';

/** Decompressed bytes the generic recipe scans by default. */
export const MAX_GENERIC_SCAN_BYTES = 64 * 1024 ** 2;

export type MembersArgs = {
  container: 'zip' | 'tar.gz' | 'tar.bz2';
  /** Regular expressions (source text) on cleaned member names. */
  patterns: string[];
  /** Stop a tar at the first member matching each pattern. */
  firstOfEach?: boolean;
  scanLimit?: number;
  memberLimit?: number;
};

/** Members matching `patterns`, as [name, bytes] pairs in archive order. */
export async function members(source: ByteSource, args: MembersArgs): Promise<[string, Uint8Array][]> {
  const res = args.patterns.map((p) => new RegExp(p));
  const want = (name: string) => res.some((r) => r.test(name));
  const limit = args.memberLimit ?? MAX_MEMBER_BYTES;
  const scan = args.scanLimit ?? MAX_GENERIC_SCAN_BYTES;
  const tooBig = () => new ArchiveError(`nothing wanted in the first ${scan} decompressed bytes.`);
  const done = (found: Map<string, Buffer>) => !!args.firstOfEach && res.every((r) => [...found.keys()].some((k) => r.test(k)));
  let found: Map<string, Buffer>;
  if (args.container === 'zip') found = await readZipMembers(source, want, limit);
  else if (args.container === 'tar.gz') found = await readTarMembers(gunzip(source, scan, tooBig), want, done, limit);
  else {
    const { data, complete } = await bunzip2Prefix(source, scan);
    found = await readTarMembers(Readable.from([data]), want, done, limit).catch((err: unknown) => {
      throw complete ? err : tooBig();
    });
  }
  return [...found];
}

export const RECIPES = {
  'conda-info': condaInfoMembers,
  'pypi-metadata': distMetadataMember,
  'npm-tarball': npmTarballMembers,
  'npm-shrinkwrap': npmHasShrinkwrap,
  members,
} satisfies Record<string, (source: ByteSource, args: never) => Promise<unknown>>;

export type RecipeName = keyof typeof RECIPES;
export type RecipeArgs<N extends RecipeName> = Parameters<(typeof RECIPES)[N]>[1];
export type RecipeResult<N extends RecipeName> = Awaited<ReturnType<(typeof RECIPES)[N]>>;
