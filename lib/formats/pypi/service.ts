// The database reads of the simple index. The caller has checked artifact:view.
import { db } from '@/lib/db/client';

/** Normalized names of the projects that have at least one file. */
export async function projectNames(repositoryId: string): Promise<string[]> {
  const rows = await db().package.findMany({
    where: { repositoryId, versions: { some: { artifacts: { some: {} } } } },
    select: { name: true },
    orderBy: { name: 'asc' },
  });
  return rows.map((r) => r.name);
}

export type ProjectFile = { path: string; filename: string; sha256: string; requiresPython: string | null; yanked: boolean };

/** The files of one project (by normalized name); null when the project has none. */
export async function projectFiles(repositoryId: string, name: string): Promise<ProjectFile[] | null> {
  const rows = await db().artifact.findMany({
    where: { repositoryId, packageVersion: { package: { name } } },
    select: { path: true, filename: true, sha256: true, metadata: true, packageVersion: { select: { yankedAt: true } } },
    orderBy: [{ filename: 'asc' }, { id: 'asc' }],
  });
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
