// The database reads of the channel's index pages. The caller has checked
// artifact:view. Only what putArtifact stored for conda packages is read:
// each file's digests and the metadata taken from its index.json.
import { db } from '@/lib/db/client';
import { readMetadata } from './metadata';
import type { ChannelFile } from './repodata';

/** The channel's package files, of one subdir (`{subdir}/…` paths) or all. */
export async function channelFiles(repositoryId: string, subdir?: string): Promise<ChannelFile[]> {
  const rows = await db().artifact.findMany({
    where: { repositoryId, ...(subdir ? { path: { startsWith: `${subdir}/` } } : {}) },
    select: { path: true, filename: true, size: true, sha256: true, md5: true, metadata: true, packageVersion: { select: { yankedAt: true } } },
    orderBy: [{ path: 'asc' }, { id: 'asc' }],
  });
  const files: ChannelFile[] = [];
  for (const r of rows) {
    const meta = readMetadata(r.metadata);
    // the path prefix is a LIKE (case-insensitive on SQLite): the stored subdir decides
    if (!meta || (subdir && meta.index.subdir !== subdir) || r.path !== `${meta.index.subdir}/${r.filename}`) continue;
    files.push({
      filename: r.filename,
      size: Number(r.size),
      sha256: r.sha256,
      md5: r.md5,
      index: meta.index,
      ...(meta.about ? { about: meta.about } : {}),
      ...(r.packageVersion?.yankedAt ? { removed: true } : {}),
    });
  }
  return files;
}
