// Packages, versions and their files of a repository (every format but raw
// has them). The caller needs artifact:view.
import type { Actor } from '@/lib/auth/actor';
import { requireScope } from '@/lib/authz';
import { db } from '@/lib/db/client';
import { notFound } from '@/lib/http/errors';
import { pageArgs, toPage, type PageQuery } from '@/lib/http/pagination';
import { compareVersions as compareConda } from '@/lib/formats/conda/version';
import { liveDistTags } from '@/lib/formats/npm/packument';
import { normalizeName as normalizePypi } from '@/lib/formats/pypi/names';
import { comparePep440, isPrerelease } from '@/lib/formats/pypi/version';
import { findRepo, repoResource } from '@/lib/repos/service';

/**
 * The version a package page calls latest: npm's `latest` dist-tag; for PyPI
 * the highest release by PEP 440 (pre-releases only when there is nothing
 * else), for conda the highest by conda's order. Not the newest upload: a
 * 1.9.1 backport uploaded after 2.0 does not make 1.9.1 the latest.
 */
export function latestVersion(format: string, versions: string[], tags: Record<string, string>): string | null {
  if (format === 'npm' && tags.latest) return tags.latest;
  if (!versions.length) return null;
  const compare = format === 'pypi' ? comparePep440 : format === 'conda' ? compareConda : null;
  if (!compare) return versions[0]!; // newest first
  const pool = format === 'pypi' && versions.some((v) => !isPrerelease(v)) ? versions.filter((v) => !isPrerelease(v)) : versions;
  return pool.reduce((best, v) => (compare(v, best) > 0 ? v : best));
}

/** A package name as stored (PEP 503 for PyPI, lower-case otherwise). */
const storedName = (format: string, name: string) => (format === 'pypi' ? normalizePypi(name) : name.toLowerCase());

export async function listPackages(actor: Actor, slug: string, name: string, q: PageQuery & { q?: string }) {
  const { repo } = await findRepo(slug, name);
  requireScope(actor.principal, 'artifact:view', repoResource(repo));
  const rows = await db().package.findMany({
    // A version whose files were all deleted is gone (its row stays, so it may be uploaded again).
    where: { repositoryId: repo.id, versions: { some: { artifacts: { some: {} } } }, ...(q.q ? { name: { contains: storedName(repo.format, q.q) } } : {}) },
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
    // npm's tags as its packument shows them: only those naming a live version, latest moved down if needed.
    const tags = repo.format === 'npm' ? liveDistTags(p.distTags, versions) : {};
    return {
      name: p.name,
      displayName: p.displayName,
      versionCount: p.versions.length,
      latest: latestVersion(repo.format, versions, tags),
      distTags: tags,
      updatedAt: p.updatedAt.toISOString(),
    };
  });
}

/** The versions of one package, newest first, each with its files. */
export async function listVersions(actor: Actor, slug: string, name: string, packageName: string, q: PageQuery) {
  const { repo } = await findRepo(slug, name);
  requireScope(actor.principal, 'artifact:view', repoResource(repo));
  const pkg = await db().package.findUnique({ where: { repositoryId_name: { repositoryId: repo.id, name: storedName(repo.format, packageName) } }, select: { id: true } });
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
