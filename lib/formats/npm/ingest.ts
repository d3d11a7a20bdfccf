// The console's upload of an npm package (ingest-types.ts): a .tgz made by
// `npm pack`. Name and version come from its package/package.json; the
// tarball is stored where `npm publish` stores it, with the manifest publish
// would have sent, and `latest` moves as semver says (semver.ts), so the
// version is served and installed exactly like a published one.
import { putArtifact } from '@/lib/artifacts/service';
import { ArchiveError } from '@/lib/formats/archive';
import { blobSource } from '@/lib/formats/archive/inspect';
import type { Ingest } from '@/lib/formats/ingest-types';
import { badRequest, conflict } from '@/lib/http/errors';
import { packedManifest, type PackedPackage } from './manifest';
import { tarballFile, tarballPath } from './names';
import { dropOrphanVersion, promoteLatest, versionExists } from './service';
import { readPacked, type Packed } from './tarball';

async function readStored(key: string, size: number): Promise<Packed> {
  try {
    return await readPacked(blobSource(key, size));
  } catch (err) {
    if (err instanceof ArchiveError) throw badRequest(`This is not a package made by npm pack (a gzipped tar): ${err.message}`);
    throw err;
  }
}

export const ingestNpm: Ingest = async (actor, repo, name, body, opts) => {
  if (!/\.tgz$/i.test(name)) throw badRequest('Upload an npm package as the .tgz file npm pack makes.');
  let stored: PackedPackage | undefined;
  const file = await putArtifact(actor, repo, name, body, {
    declaredSize: opts.declaredSize,
    inspect: async (key, digests) => {
      const packed = await readStored(key, digests.size);
      if (!packed.packageJson) throw badRequest('The tarball has no package/package.json: upload a .tgz made by npm pack.');
      const p = packedManifest(packed.packageJson, packed);
      const path = tarballPath(p.name, tarballFile(p.name, p.version));
      // The client may name the file as the listing shows it, but not as another package.
      if (name.includes('/') && name !== path) throw badRequest(`This tarball is ${p.name}@${p.version}, stored at ${path}, not ${name}.`);
      if (await versionExists(repo.id, p.name, p.version)) throw conflict(`${p.name}@${p.version} exists. Versions are immutable: upload a new version.`);
      await dropOrphanVersion(repo.id, p.name, p.version);
      stored = p;
      return { path, metadata: {}, package: { name: p.name, displayName: p.name, version: p.version, versionMetadata: p.manifest } };
    },
  });
  const { name: pkgName, version } = stored!;
  await promoteLatest(repo.id, pkgName, version);
  return { ...file, package: { name: pkgName, version } };
};
