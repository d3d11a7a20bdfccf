// The npm format's database access: packages, versions and dist-tags. The
// tarball itself is stored by putArtifact (lib/artifacts/service.ts); this
// links it to its version. Callers have checked the scopes already.
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/service';
import { db } from '@/lib/db/client';
import { bumpContentVersion } from '@/lib/formats/index-cache';
import { conflict, notFound } from '@/lib/http/errors';
import type { RepoRow } from '@/lib/repos/service';
import { collectBlobs } from '@/lib/storage/gc';
import type { StoredPackage, StoredVersion } from './packument';
import { mergeDistTags, type PublishRequest } from './publish';
import { latestAfterAdding } from './semver';

/**
 * A version exists while its tarball does: deleting the file through the
 * files API removes the version from the packument, and the version may be
 * uploaded again (the row left behind is an orphan, replaced on re-upload).
 */
const STORED = { artifacts: { some: {} } };

/**
 * The package with its live versions and their tarballs, in three flat
 * queries: a nested relation load of a package's versions' artifacts sends
 * every version id as a bind parameter, past SQLite's limit for a package
 * with a thousand versions.
 */
export async function findPackage(repositoryId: string, name: string): Promise<StoredPackage | null> {
  const pkg = await db().package.findUnique({
    where: { repositoryId_name: { repositoryId, name } },
    select: { id: true, name: true, distTags: true, createdAt: true, updatedAt: true },
  });
  if (!pkg) return null;
  const [versions, tarballs] = await Promise.all([
    db().packageVersion.findMany({
      where: { packageId: pkg.id, yankedAt: null, ...STORED },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true, version: true, metadata: true, createdAt: true },
    }),
    db().artifact.findMany({
      where: { repositoryId, packageVersion: { packageId: pkg.id } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { packageVersionId: true, path: true, sha1: true, sha512: true },
    }),
  ]);
  const byVersion = new Map<string, StoredVersion['tarball']>();
  for (const { packageVersionId, ...t } of tarballs) if (packageVersionId && !byVersion.has(packageVersionId)) byVersion.set(packageVersionId, t);
  return { name: pkg.name, distTags: pkg.distTags, createdAt: pkg.createdAt, updatedAt: pkg.updatedAt, versions: versions.map(({ id, ...v }) => ({ ...v, tarball: byVersion.get(id) ?? null })) };
}

export async function versionExists(repositoryId: string, name: string, version: string): Promise<boolean> {
  const row = await db().packageVersion.findFirst({ where: { version, package: { repositoryId, name }, ...STORED }, select: { id: true } });
  return row !== null;
}

/** Removes the row of a version whose tarball was deleted, so the version can be stored again. */
export async function dropOrphanVersion(repositoryId: string, name: string, version: string): Promise<void> {
  await db().packageVersion.deleteMany({ where: { version, package: { repositoryId, name }, artifacts: { none: {} } } });
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
      await tx.packageVersion.deleteMany({ where: { packageId: pkg.id, version: p.version, artifacts: { none: {} } } });
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
export async function setDistTag(actor: Actor, repo: { id: string; orgId: string; name: string }, name: string, tag: string, version: string): Promise<Record<string, string>> {
  const repositoryId = repo.id;
  const pkg = await db().package.findUnique({ where: { repositoryId_name: { repositoryId, name } }, select: { id: true, distTags: true } });
  if (!pkg) throw notFound('No such package.');
  if (!(await versionExists(repositoryId, name, version))) throw notFound(`${name}@${version} does not exist.`);
  const distTags = mergeDistTags(pkg.distTags, { [tag]: version });
  await db().$transaction(async (tx) => {
    await tx.package.update({ where: { id: pkg.id }, data: { distTags } });
    await bumpContentVersion(tx, repositoryId);
    await recordAudit(tx, actor, {
      orgId: repo.orgId,
      action: 'package.dist_tag_set',
      target: { type: 'package', id: pkg.id, label: `${repo.name}/${name}` },
      data: { tag, version },
    });
  });
  return JSON.parse(distTags) as Record<string, string>;
}

function currentTags(stored: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(stored);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Moves `latest` for a version stored without dist-tags of its own (a
 * browser upload): see latestAfterAdding. The tags are compared and swapped,
 * so a concurrent change is read again rather than overwritten.
 */
export async function promoteLatest(repositoryId: string, name: string, version: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const pkg = await db().package.findUnique({
      where: { repositoryId_name: { repositoryId, name } },
      select: { id: true, distTags: true, versions: { where: STORED, select: { version: true } } },
    });
    if (!pkg) return;
    const current = currentTags(pkg.distTags).latest;
    const latest = latestAfterAdding(typeof current === 'string' ? current : undefined, pkg.versions.map((v) => v.version), version);
    if (latest === current) return;
    const swapped = await db().$transaction(async (tx) => {
      const { count } = await tx.package.updateMany({ where: { id: pkg.id, distTags: pkg.distTags }, data: { distTags: mergeDistTags(pkg.distTags, { latest }) } });
      if (count > 0) await bumpContentVersion(tx, repositoryId);
      return count > 0;
    });
    if (swapped) return;
  }
}
