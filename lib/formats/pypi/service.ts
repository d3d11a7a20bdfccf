// The database reads of the simple index. The caller has checked artifact:view.
import { db } from '@/lib/db/client';
import type { PathFilter } from '@/lib/entitlements/restrictions';

/** Normalized names of the projects that have at least one file (one the filter allows, when given). */
export async function projectNames(repositoryId: string, filter?: PathFilter): Promise<string[]> {
  if (filter) {
    const files = await db().artifact.findMany({
      where: { repositoryId, packageVersionId: { not: null } },
      select: { path: true, packageVersion: { select: { version: true, package: { select: { name: true } } } } },
    });
    const names = new Set<string>();
    for (const f of files) {
      const name = f.packageVersion!.package.name;
      if (!names.has(name) && filter.allows({ path: f.path, name, version: f.packageVersion!.version })) names.add(name);
    }
    return [...names].sort();
  }
  const rows = await db().package.findMany({
    where: { repositoryId, versions: { some: { artifacts: { some: {} } } } },
    select: { name: true },
    orderBy: { name: 'asc' },
  });
  return rows.map((r) => r.name);
}

export type ProjectFile = { path: string; filename: string; sha256: string; requiresPython: string | null; yanked: boolean };

/** The files of one project (by normalized name; those the filter allows, when given); null when the project has none. */
export async function projectFiles(repositoryId: string, name: string, filter?: PathFilter): Promise<ProjectFile[] | null> {
  const all = await db().artifact.findMany({
    where: { repositoryId, packageVersion: { package: { name } } },
    select: { path: true, filename: true, sha256: true, metadata: true, packageVersion: { select: { yankedAt: true, version: true } } },
    orderBy: [{ filename: 'asc' }, { id: 'asc' }],
  });
  const rows = filter ? all.filter((r) => filter.allows({ path: r.path, name, version: r.packageVersion?.version ?? null })) : all;
  if (rows.length === 0) return null;
  return rows.map((r) => ({
    path: r.path,
    filename: r.filename,
    sha256: r.sha256,
    requiresPython: requiresPython(r.metadata),
    yanked: !!r.packageVersion?.yankedAt,
  }));
}

function requiresPython(metadata: string): string | null {
  try {
    const value = (JSON.parse(metadata) as { requiresPython?: unknown }).requiresPython;
    return typeof value === 'string' && value ? value : null;
  } catch {
    return null;
  }
}
