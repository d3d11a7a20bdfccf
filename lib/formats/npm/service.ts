// The npm format's database access: packages, versions and dist-tags. The
// tarball itself is stored by putArtifact (lib/artifacts/service.ts); this
// links it to its version. Callers have checked the scopes already.
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db/client';
import { bumpContentVersion } from '@/lib/formats/index-cache';
import { conflict, notFound } from '@/lib/http/errors';
import type { RepoRow } from '@/lib/repos/service';
import { collectBlobs } from '@/lib/storage/gc';
import type { StoredPackage } from './packument';
import { mergeDistTags, type PublishRequest } from './publish';

export async function findPackage(repositoryId: string, name: string): Promise<StoredPackage | null> {
  const pkg = await db().package.findUnique({
    where: { repositoryId_name: { repositoryId, name } },
    select: {
      name: true,
      distTags: true,
      createdAt: true,
      updatedAt: true,
      versions: {
        where: { yankedAt: null },
        orderBy: { createdAt: 'asc' },
        select: { version: true, metadata: true, createdAt: true, artifacts: { take: 1, select: { path: true, sha1: true, sha512: true } } },
      },
    },
  });
  if (!pkg) return null;
  return { ...pkg, versions: pkg.versions.map(({ artifacts, ...v }) => ({ ...v, tarball: artifacts[0] ?? null })) };
}

export async function versionExists(repositoryId: string, name: string, version: string): Promise<boolean> {
  const row = await db().packageVersion.findFirst({ where: { version, package: { repositoryId, name } }, select: { id: true } });
  return row !== null;
}

const exists = (p: PublishRequest) => conflict(`${p.name}@${p.version} exists. Versions are immutable: publish a new version.`);

/**
 * Records a published version whose tarball putArtifact stored at `path`:
 * the package (created on first publish), the version with its manifest, the
 * link from the artifact, and the dist-tags. On failure the stored tarball is
 * removed again, so a failed publish leaves nothing behind.
 */
export async function recordPublish(_actor: Actor, repo: RepoRow, p: PublishRequest, path: string): Promise<void> {
  try {
    await db().$transaction(async (tx) => {
      const pkg = await tx.package.upsert({
        where: { repositoryId_name: { repositoryId: repo.id, name: p.name } },
        create: { repositoryId: repo.id, name: p.name, displayName: p.name },
        update: {},
      });
      const version = await tx.packageVersion.create({ data: { packageId: pkg.id, version: p.version, metadata: JSON.stringify(p.manifest) } });
      await tx.artifact.update({ where: { repositoryId_path: { repositoryId: repo.id, path } }, data: { packageVersionId: version.id } });
      await tx.package.update({ where: { id: pkg.id }, data: { distTags: mergeDistTags(pkg.distTags, p.distTags) } });
      await bumpContentVersion(tx, repo.id);
    });
  } catch (err) {
    const artifact = await db().artifact.findUnique({ where: { repositoryId_path: { repositoryId: repo.id, path } }, select: { id: true, blobKey: true } });
    if (artifact) {
      await db().artifact.delete({ where: { id: artifact.id } });
      await collectBlobs([artifact.blobKey]);
    }
    if ((err as { code?: string }).code === 'P2002') throw exists(p);
    throw err;
  }
}

export const versionConflict = exists;

/** Points `tag` at an existing version. */
export async function setDistTag(repositoryId: string, name: string, tag: string, version: string): Promise<Record<string, string>> {
  const pkg = await db().package.findUnique({ where: { repositoryId_name: { repositoryId, name } }, select: { id: true, distTags: true } });
  if (!pkg) throw notFound('No such package.');
  if (!(await versionExists(repositoryId, name, version))) throw notFound(`${name}@${version} does not exist.`);
  const distTags = mergeDistTags(pkg.distTags, { [tag]: version });
  await db().$transaction(async (tx) => {
    await tx.package.update({ where: { id: pkg.id }, data: { distTags } });
    await bumpContentVersion(tx, repositoryId);
  });
  return JSON.parse(distTags) as Record<string, string>;
}
