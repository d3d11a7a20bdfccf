// Rendered index pages (PyPI simple pages, npm packuments, conda repodata),
// cached in memory under the repository's contentVersion. Every change to a
// repository's files or packages bumps that number in the same transaction
// (bumpContentVersion), and every request loads the repository row anyway to
// check access, so a stale page is never served — by this instance or any
// other — and no extra query is needed to know that.
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Tx } from '@/lib/db/client';
import type { PathFilter } from '@/lib/entitlements/restrictions';

type Entry = { value: Promise<unknown>; bytes: number };

const MAX_BYTES = 64 * 1024 * 1024;
const MAX_ENTRIES = 2_000;

const g = globalThis as unknown as { tollgateIndexCache?: { entries: Map<string, Entry>; bytes: number } };
const state = () => (g.tollgateIndexCache ??= { entries: new Map(), bytes: 0 });

/**
 * `filter`: an entitlement's path patterns, when the caller may see only the
 * files they allow. Pages are rendered per pattern set (the set's key is part
 * of the cache key and so of the ETag); without one, one rendering serves all.
 */
export type CacheRepo = { id: string; contentVersion: number; filter?: PathFilter };

const fullKey = (repo: CacheRepo, key: string) => `${repo.id}\u0000${repo.contentVersion}\u0000${repo.filter?.key ?? ''}\u0000${key}`;

/**
 * `make()` once per key (concurrent misses share it; failures are not kept).
 * Least recently used entries go first when the cache is over 64 MiB or
 * 2,000 entries.
 */
function cached<T>(full: string, make: () => Promise<T>, size: (value: T) => number): Promise<T> {
  const s = state();
  const hit = s.entries.get(full);
  if (hit) {
    s.entries.delete(full); // re-insert: Map order is the recency order
    s.entries.set(full, hit);
    return hit.value as Promise<T>;
  }
  const entry: Entry = { value: make(), bytes: 0 };
  s.entries.set(full, entry);
  (entry.value as Promise<T>).then(
    (value) => grow(full, entry, size(value) + full.length),
    () => {
      if (s.entries.get(full) === entry) s.entries.delete(full); // errors are not cached
    },
  );
  evict();
  return entry.value as Promise<T>;
}

/** Counts `bytes` more for `entry` while it is still cached. */
function grow(full: string, entry: Entry, bytes: number) {
  const s = state();
  if (s.entries.get(full) !== entry) return;
  entry.bytes += bytes;
  s.bytes += bytes;
  evict();
}

function evict() {
  const s = state();
  for (const [key, entry] of s.entries) {
    if (s.bytes <= MAX_BYTES && s.entries.size <= MAX_ENTRIES) return;
    s.entries.delete(key);
    s.bytes -= entry.bytes;
  }
}

/**
 * An ETag for the page `key` of `repo` (plus `variant`: what else the bytes
 * depend on): it names the cache entry, so revalidating costs no rendering.
 */
export const pageTag = (repo: CacheRepo, key: string, variant = '') =>
  crypto.createHash('sha1').update(`${fullKey(repo, key)}\u0000${variant}`).digest('base64url').slice(0, 20);

/** The page `key` of `repo` at its current contentVersion, as text (for pages filled in per request). */
export function cachedPage(repo: CacheRepo, key: string, render: () => Promise<string>): Promise<string> {
  return cached(fullKey(repo, key), render, (text) => Buffer.byteLength(text));
}

const gzip = promisify(zlib.gzip);

/** A page ready to send: its bytes, and its gzip made once, when first asked for (null: never gzip it). */
export type ReadyPage = { readonly body: Buffer; gzipped: (() => Promise<Buffer>) | null };

/** Like cachedPage, for pages sent as they are: kept encoded, and gzipped once for clients that accept it. */
export function cachedBody(repo: CacheRepo, key: string, render: () => Promise<string>): Promise<ReadyPage> {
  const full = `${fullKey(repo, key)}\u0000body`;
  return cached(
    full,
    async () => {
      const body = Buffer.from(await render());
      let z: Promise<Buffer> | null = null;
      const page: ReadyPage = {
        body,
        gzipped: () =>
          (z ??= gzip(body).then((out) => {
            const entry = state().entries.get(full);
            if (entry) grow(full, entry, out.length);
            return out;
          })),
      };
      return page;
    },
    (page) => page.body.length,
  );
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
