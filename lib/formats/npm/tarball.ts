// Reading an npm package tarball (a gzipped tar with everything under
// `package/`): its package.json, the few texts a manifest needs, and the list
// of members, in one streamed pass with the decompressed size capped.
import { pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';
import { ArchiveError, readTarMembers } from '@/lib/formats/archive';
import { wantsText, type PackedTree } from './manifest';

/**
 * How much of the decompressed tar is read (the whole of it: the member list
 * decides _hasShrinkwrap and a few scripts). More is a gzip bomb, not a
 * package: the public registry refuses far smaller ones.
 */
export const MAX_UNPACKED_BYTES = 1024 ** 3;

/** A pass-through that fails once more than `limit` bytes went through. */
function byteCap(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      seen += chunk.length;
      if (seen > limit) done(new ArchiveError(`it unpacks to more than ${limit} bytes`));
      else done(null, chunk);
    },
  });
}

export type Packed = PackedTree & { packageJson: Buffer | undefined };

/** Reads the gzipped tarball `gzipped`; anything unreadable is an ArchiveError. */
export async function readPacked(gzipped: Readable, limit = MAX_UNPACKED_BYTES): Promise<Packed> {
  const files = new Set<string>();
  const want = (member: string) => {
    if (!member.startsWith('package/')) return false;
    const file = member.slice('package/'.length);
    files.add(file);
    return file === 'package.json' || wantsText(file);
  };
  // pipeline, not pipe: a failing read must fail the gunzip stream too, not leave it waiting.
  const source: Readable = pipeline(gzipped, zlib.createGunzip(), byteCap(limit), () => {});
  const found = await readTarMembers(source, want);
  const texts = new Map<string, string>();
  for (const [member, bytes] of found) if (member !== 'package/package.json') texts.set(member.slice('package/'.length), bytes.toString('utf8'));
  return { packageJson: found.get('package/package.json'), files, texts };
}

/**
 * Whether a published tarball bundles an npm-shrinkwrap.json (the registry
 * records it as `_hasShrinkwrap`; npm does not send it). A tarball that cannot
 * be read has none: publish has accepted any bytes its digests match.
 */
export async function bundlesShrinkwrap(tgz: Buffer): Promise<boolean> {
  try {
    return (await readPacked(Readable.from([tgz]))).files.has('npm-shrinkwrap.json');
  } catch (err) {
    if (err instanceof ArchiveError) return false;
    throw err;
  }
}
