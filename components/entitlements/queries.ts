'use client';

// Entitlement tokens through the management API, with react-query. Secrets
// never go through here: create and refresh answers are read with apiFetch
// directly and kept in component state only, so no secret lands in a cache.
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { usePagedList, useRepos } from '@/components/repos/queries';
import { apiFetch } from '@/lib/http/client';
import type { Entitlement, EntitlementDownload, EntitlementStatus, UsageSeries } from './types';

export const entitlementsPath = (org: string) => `/api/v1/orgs/${encodeURIComponent(org)}/entitlements`;
export const entitlementPath = (org: string, id: string) => `${entitlementsPath(org)}/${encodeURIComponent(id)}`;
/** The downloads log as CSV (every row, with a header line): a plain link downloads it. */
export const downloadsCsvPath = (org: string, id: string) => `${entitlementPath(org, id)}/downloads?format=csv`;

/** Every entitlement query of an org starts with this key: invalidate it after any change. */
export const entitlementsKey = (org: string) => ['orgs', org, 'entitlements'] as const;
export const entitlementKey = (org: string, id: string) => [...entitlementsKey(org), 'one', id] as const;

export type ListFilters = { q: string; tag: string; status: EntitlementStatus | '' };

/** The list, filtered on the server (`?q=&tag=&status=`), page after page. */
export function useEntitlements(org: string, filters: ListFilters) {
  const extra: Record<string, string> = {};
  if (filters.q.trim()) extra.q = filters.q.trim();
  if (filters.tag) extra.tag = filters.tag;
  if (filters.status) extra.status = filters.status;
  return usePagedList<Entitlement>([...entitlementsKey(org), 'list'], entitlementsPath(org), { extra, limit: 50 });
}

export function useEntitlement(org: string, id: string) {
  return useQuery({
    queryKey: entitlementKey(org, id),
    queryFn: ({ signal }) => apiFetch<{ entitlement: Entitlement }>(entitlementPath(org, id), { signal }).then((r) => r.entitlement),
    staleTime: 0,
  });
}

/** The per-day series of [from, to] (YYYY-MM-DD, both included). */
export function useUsage(org: string, id: string, from: string, to: string) {
  return useQuery({
    queryKey: [...entitlementKey(org, id), 'usage', from, to],
    queryFn: ({ signal }) =>
      apiFetch<UsageSeries>(`${entitlementPath(org, id)}/usage?${new URLSearchParams({ from, to })}`, { signal }).then((r) => r.items),
    staleTime: 0,
  });
}

export const useEntitlementDownloads = (org: string, id: string) =>
  usePagedList<EntitlementDownload>([...entitlementKey(org, id), 'downloads'], `${entitlementPath(org, id)}/downloads`, { limit: 25 });

/** The org's distribution repositories (the only kind an entitlement may name). */
export function useDistributionRepos(org: string) {
  const repos = useRepos(org);
  // The picker needs them all: follow the cursor to the end.
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = repos;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const all = repos.data?.pages.flatMap((p) => p.items) ?? [];
  return { ...repos, distribution: all.filter((r) => r.visibility === 'distribution'), all };
}
