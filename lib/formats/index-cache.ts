// Rendered index pages (PyPI simple pages, npm packuments, conda repodata),
// cached in memory under the repository's contentVersion. Every change to a
// repository's files or packages bumps that number in the same transaction
// (bumpContentVersion), and every request loads the repository row anyway to
// check access, so a stale page is never served — by this instance or any
// other — and no extra query is needed to know that.
import type { Tx } from '@/lib/db/client';

type Entry = { value: Promise<string>; bytes: number };

const MAX_BYTES = 64 * 1024 * 1024;
const MAX_ENTRIES = 2_000;

const g = globalThis as unknown as { tollgateIndexCache?: { entries: Map<string, Entry>; bytes: number } };
const state = () => (g.tollgateIndexCache ??= { entries: new Map(), bytes: 0 });

export type CacheRepo = { id: string; contentVersion: number };

/**
 * The page `key` of `repo` at its current contentVersion: from the cache, or
 * rendered once (concurrent misses share one rendering). Least recently used
 * pages go first when the cache is over 64 MiB or 2,000 pages.
 */
export function cachedPage(repo: CacheRepo, key: string, render: () => Promise<string>): Promise<string> {
  const s = state();
  const full = `${repo.id}\u0000${repo.contentVersion}\u0000${key}`;
  const hit = s.entries.get(full);
  if (hit) {
    s.entries.delete(full); // re-insert: Map order is the recency order
    s.entries.set(full, hit);
    return hit.value;
  }
  const entry: Entry = { value: render(), bytes: 0 };
  s.entries.set(full, entry);
  entry.value.then(
    (text) => {
      if (s.entries.get(full) !== entry) return;
      entry.bytes = Buffer.byteLength(text) + full.length;
      s.bytes += entry.bytes;
      evict();
    },
    () => {
      if (s.entries.get(full) === entry) s.entries.delete(full); // errors are not cached
    },
  );
  evict();
  return entry.value;
}

function evict() {
  const s = state();
  for (const [key, entry] of s.entries) {
    if (s.bytes <= MAX_BYTES && s.entries.size <= MAX_ENTRIES) return;
    s.entries.delete(key);
    s.bytes -= entry.bytes;
  }
}

/** Marks every cached page of the repository stale. Call inside the transaction that changes it. */
export async function bumpContentVersion(tx: Tx, repositoryId: string): Promise<void> {
  await tx.repository.update({ where: { id: repositoryId }, data: { contentVersion: { increment: 1 } } });
}

/** For tests and the bench: how much is cached. */
export function cacheStats() {
  const s = state();
  return { pages: s.entries.size, bytes: s.bytes };
}
