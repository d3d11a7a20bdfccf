// The channel's index documents, rendered from stored metadata (pure):
// {subdir}/repodata.json, what conda solves with, and channeldata.json at the
// channel root. Keys are sorted as conda-index writes them.
import type { About, IndexRecord } from './metadata';
import { compareVersions } from './version';

export type ChannelFile = {
  filename: string;
  size: number;
  sha256: string;
  md5: string | null;
  index: IndexRecord;
  about?: About;
  /** A yanked version: listed under "removed" (still downloadable), not offered to the solver. */
  removed?: boolean;
};

const sorted = <T extends Record<string, unknown>>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) as T;

const byKey = <T>(entries: [string, T][]): Record<string, T> => Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** One repodata record: index.json plus the file's digests and size. */
export function repodataRecord(f: ChannelFile): Record<string, unknown> {
  return sorted({ ...f.index, md5: f.md5 ?? undefined, sha256: f.sha256, size: f.size });
}

/** `{subdir}/repodata.json` for the files stored in that subdir (an empty subdir is a valid, empty index). */
export function renderRepodata(subdir: string, files: ChannelFile[]): string {
  const live = files.filter((f) => !f.removed);
  const records = (ext: string) => byKey(live.filter((f) => f.filename.endsWith(ext)).map((f) => [f.filename, repodataRecord(f)] as [string, Record<string, unknown>]));
  return JSON.stringify({
    info: { subdir },
    packages: records('.tar.bz2'),
    'packages.conda': records('.conda'),
    removed: files.filter((f) => f.removed).map((f) => f.filename).sort(),
    repodata_version: 1,
  });
}

/** channeldata.json counts in seconds, repodata in milliseconds (conda-index: values past year 9999 in seconds are ms). */
const seconds = (t: number) => (t > 253_402_300_799 ? Math.floor(t / 1000) : t);

const ABOUT_KEYS = ['description', 'dev_url', 'doc_url', 'home', 'license', 'license_family', 'source_url', 'summary'] as const;

/**
 * `channeldata.json`: every package with the subdirs it is built for, its
 * latest version (conda's order) and what that version's about.json says.
 */
export function renderChanneldata(files: ChannelFile[]): string {
  const packages = new Map<string, { subdirs: Set<string>; latest: ChannelFile; timestamp?: number }>();
  for (const f of files) {
    if (f.removed) continue;
    const p = packages.get(f.index.name);
    if (!p) {
      packages.set(f.index.name, { subdirs: new Set([f.index.subdir]), latest: f, timestamp: f.index.timestamp });
      continue;
    }
    p.subdirs.add(f.index.subdir);
    const c = compareVersions(f.index.version, p.latest.index.version);
    if (c > 0 || (c === 0 && (f.index.timestamp ?? 0) > (p.latest.index.timestamp ?? 0))) p.latest = f;
    if (f.index.timestamp !== undefined) p.timestamp = Math.max(p.timestamp ?? 0, f.index.timestamp);
  }
  const entries = [...packages].map(([name, p]) => {
    const about: Record<string, unknown> = {};
    for (const key of ABOUT_KEYS) about[key] = p.latest.about?.[key];
    about.license ??= p.latest.index.license;
    about.license_family ??= p.latest.index.license_family;
    const timestamp = p.timestamp === undefined ? undefined : seconds(p.timestamp);
    return [name, sorted({ ...about, subdirs: [...p.subdirs].sort(), timestamp, version: p.latest.index.version })] as [string, Record<string, unknown>];
  });
  const subdirs = new Set(files.filter((f) => !f.removed).map((f) => f.index.subdir));
  return JSON.stringify({ channeldata_version: 1, packages: byKey(entries), subdirs: [...subdirs].sort() });
}
