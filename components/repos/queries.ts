'use client';

// Repositories, their files and their members through the management API,
// with react-query: one key per list, invalidated by every mutation.
import { useInfiniteQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch } from '@/lib/http/client';
import type { Page } from '@/lib/http/pagination';
import type { fileView, repoMemberView, repoView } from '@/lib/repos/schema';

/** A repository; `permissions`: the scopes the viewer holds on it. */
export type Repo = z.output<typeof repoView>;
export type RepoFile = z.output<typeof fileView>;
export type RepoMember = z.output<typeof repoMemberView>;

export const reposPath = (org: string) => `/api/v1/orgs/${encodeURIComponent(org)}/repos`;
export const repoPath = (org: string, repo: string) => `${reposPath(org)}/${encodeURIComponent(repo)}`;
/** A file's API path: each segment encoded, the slashes kept. */
export const filePath = (org: string, repo: string, path: string) =>
  `${repoPath(org, repo)}/files/${path.split('/').map(encodeURIComponent).join('/')}`;

export const reposKey = (org: string) => ['orgs', org, 'repos'] as const;
export const filesKey = (org: string, repo: string) => ['orgs', org, 'repos', repo, 'files'] as const;
export const repoMembersKey = (org: string, repo: string) => ['orgs', org, 'repos', repo, 'members'] as const;

const PAGE_SIZE = 100;

// Uploads arrive from package tools, outside this browser: whenever a list is
// shown again, refetch it (the cached rows show meanwhile).
const FRESH = { staleTime: 0 } as const;

function listPath(base: string, cursor: string | null, limit: number, extra: Record<string, string>) {
  const q = new URLSearchParams({ limit: String(limit), ...extra });
  if (cursor) q.set('cursor', cursor);
  return `${base}?${q}`;
}

/** A cursor-paged list of the API (`{items, nextCursor}`), page after page. `extra`: more query parameters (part of the key). */
export function usePagedList<T>(
  key: readonly unknown[],
  base: string,
  { extra = {}, enabled = true, limit = PAGE_SIZE }: { extra?: Record<string, string>; enabled?: boolean; limit?: number } = {},
) {
  return useInfiniteQuery({
    queryKey: Object.keys(extra).length ? [...key, extra] : key,
    queryFn: ({ pageParam, signal }) => apiFetch<Page<T>>(listPath(base, pageParam, limit, extra), { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
    ...FRESH,
  });
}

export const useRepos = (org: string) => usePagedList<Repo>(reposKey(org), reposPath(org));

export const useRepoFiles = (org: string, repo: string, enabled = true) =>
  usePagedList<RepoFile>(filesKey(org, repo), `${repoPath(org, repo)}/files`, { enabled });

export const useRepoMembers = (org: string, repo: string, enabled = true) =>
  usePagedList<RepoMember>(repoMembersKey(org, repo), `${repoPath(org, repo)}/members`, { enabled });
