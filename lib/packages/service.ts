// Packages, versions and their files of a repository (every format but raw
// has them). The caller needs artifact:view.
import type { Actor } from '@/lib/auth/actor';
import { requireScope } from '@/lib/authz';
import { db } from '@/lib/db/client';
import { notFound } from '@/lib/http/errors';
import { pageArgs, toPage, type PageQuery } from '@/lib/http/pagination';
import { findFormat } from '@/lib/formats/registry';
import type { FormatServer } from '@/lib/formats/format-types';
import { findRepo, repoResource } from '@/lib/repos/service';

const formatOf = (id: string): FormatServer => {
  const format = findFormat(id);
  if (!format) throw new Error(`No such format: ${id}.`);
  return format;
};

/** The version a package page calls latest, as the format orders versions (FormatServer.latestVersion). */
export const latestVersion = (format: string, versions: string[], tags: Record<string, string>): string | null =>
  formatOf(format).latestVersion(versions, tags);

export async function listPackages(actor: Actor, slug: string, name: string, q: PageQuery & { q?: string }) {
  const { repo } = await findRepo(slug, name);
  requireScope(actor.principal, 'artifact:view', repoResource(repo));
  const format = formatOf(repo.format);
  const rows = await db().package.findMany({
    // A version whose files were all deleted is gone (its row stays, so it may be uploaded again).
    where: { repositoryId: repo.id, versions: { some: { artifacts: { some: {} } } }, ...(q.q ? { name: { contains: format.storedName(q.q) } } : {}) },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      name: true,
      displayName: true,
      distTags: true,
      updatedAt: true,
      versions: { where: { artifacts: { some: {} } }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { version: true } },
    },
    ...pageArgs(q),
  });
  return toPage(rows, q, (p) => {
    const versions = p.versions.map((v) => v.version);
    const tags = format.packageTags(p.distTags, versions);
    return {
      name: p.name,
      displayName: p.displayName,
      versionCount: p.versions.length,
      latest: format.latestVersion(versions, tags),
      distTags: tags,
      updatedAt: p.updatedAt.toISOString(),
    };
  });
}

/** The versions of one package, newest first, each with its files. */
export async function listVersions(actor: Actor, slug: string, name: string, packageName: string, q: PageQuery) {
  const { repo } = await findRepo(slug, name);
  requireScope(actor.principal, 'artifact:view', repoResource(repo));
  const pkg = await db().package.findUnique({ where: { repositoryId_name: { repositoryId: repo.id, name: formatOf(repo.format).storedName(packageName) } }, select: { id: true } });
  if (!pkg) throw notFound('No such package.');
  const rows = await db().packageVersion.findMany({
    where: { packageId: pkg.id, artifacts: { some: {} } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: {
      id: true,
      version: true,
      createdAt: true,
      yankedAt: true,
      artifacts: { orderBy: { filename: 'asc' }, select: { path: true, filename: true, size: true, sha256: true } },
    },
    ...pageArgs(q),
  });
  return toPage(rows, q, (v) => ({
    version: v.version,
    createdAt: v.createdAt.toISOString(),
    yanked: v.yankedAt !== null,
    files: v.artifacts.map((a) => ({ path: a.path, filename: a.filename, size: Number(a.size), sha256: a.sha256 })),
  }));
}
