// The console's upload of an npm package (ingest-types.ts): a .tgz made by
// `npm pack`. Name and version come from its package/package.json; the
// tarball is stored where `npm publish` stores it, with the manifest publish
// would have sent, and `latest` moves as semver says (semver.ts), so the
// version is served and installed exactly like a published one.
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';
import { putArtifact } from '@/lib/artifacts/service';
import { ArchiveError, readTarMembers } from '@/lib/formats/archive';
import type { Ingest } from '@/lib/formats/ingest-types';
import { badRequest, conflict } from '@/lib/http/errors';
import { blobStore } from '@/lib/storage';
import { isReadmeCandidate, packedManifest, type PackedPackage } from './manifest';
import { tarballFile, tarballPath } from './names';
import { dropOrphanVersion, promoteLatest, versionExists } from './service';

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

/** Reads package.json, README candidates and the list of members out of the stored tarball. */
export async function readPacked(key: string, limit = MAX_UNPACKED_BYTES): Promise<{ packageJson: Buffer | undefined; files: Set<string>; readmes: Map<string, string> }> {
  const files = new Set<string>();
  const want = (member: string) => {
    if (!member.startsWith('package/')) return false;
    const file = member.slice('package/'.length);
    files.add(file);
    return file === 'package.json' || isReadmeCandidate(file);
  };
  // pipeline, not pipe: a failing read must fail the gunzip stream too, not leave it waiting.
  const source: Readable = pipeline(blobStore().read(key), zlib.createGunzip(), byteCap(limit), () => {});
  let found: Map<string, Buffer>;
  try {
    found = await readTarMembers(source, want);
  } catch (err) {
    if (err instanceof ArchiveError) throw badRequest(`This is not a package made by npm pack (a gzipped tar): ${err.message}`);
    throw err;
  }
  const readmes = new Map<string, string>();
  for (const [member, bytes] of found) if (member !== 'package/package.json') readmes.set(member.slice('package/'.length), bytes.toString('utf8'));
  return { packageJson: found.get('package/package.json'), files, readmes };
}

export const ingestNpm: Ingest = async (actor, repo, name, body, opts) => {
  // The console offers only .tgz; anything else named otherwise is misnamed (400), whatever its bytes.
  if (!name.endsWith('.tgz')) throw badRequest(`${name.slice(name.lastIndexOf('/') + 1)} is not an npm package: upload the .tgz made by npm pack.`);
  let packed: PackedPackage | undefined;
  const stored = await putArtifact(actor, repo, name, body, {
    declaredSize: opts.declaredSize,
    inspect: async (key) => {
      const { packageJson, files, readmes } = await readPacked(key);
      if (!packageJson) throw badRequest('The tarball has no package/package.json: upload a .tgz made by npm pack.');
      const p = packedManifest(packageJson, { files, readmes });
      const path = tarballPath(p.name, tarballFile(p.name, p.version));
      // The client may name the file as the listing shows it, but not as another package.
      if (name.includes('/') && name !== path) throw badRequest(`This tarball is ${p.name}@${p.version}, stored at ${path}, not ${name}.`);
      if (await versionExists(repo.id, p.name, p.version)) throw conflict(`${p.name}@${p.version} exists. Versions are immutable: upload a new version.`);
      await dropOrphanVersion(repo.id, p.name, p.version);
      packed = p;
      return { path, metadata: {}, package: { name: p.name, displayName: p.name, version: p.version, versionMetadata: p.manifest } };
    },
  });
  const { name: pkgName, version } = packed!;
  await promoteLatest(repo.id, pkgName, version);
  return { ...stored, package: { name: pkgName, version } };
};
