'use client';

// Repositories, their files and their members through the management API,
// with react-query: one key per list, invalidated by every mutation.
import { useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/http/client';

export type Repo = {
  id: string;
  name: string;
  format: string;
  visibility: string;
  description: string;
  createdAt: string;
  updatedAt: string;
  fileCount: number | null;
  totalBytes: number | null;
  urls: Record<string, string>;
  /** The scopes the viewer holds on this repository. */
  permissions: string[];
};
export type RepoFile = { path: string; size: number; sha256: string; contentType: string; uploader: string | null; createdAt: string };
export type RepoMember = { userId: string; email: string; name: string; role: string };
type Page<T> = { items: T[]; nextCursor: string | null };

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

function listPath(base: string, cursor: string | null) {
  const q = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (cursor) q.set('cursor', cursor);
  return `${base}?${q}`;
}

export function useRepos(org: string) {
  return useInfiniteQuery({
    queryKey: reposKey(org),
    queryFn: ({ pageParam, signal }) => apiFetch<Page<Repo>>(listPath(reposPath(org), pageParam), { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    ...FRESH,
  });
}

export function useRepoFiles(org: string, repo: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: filesKey(org, repo),
    queryFn: ({ pageParam, signal }) => apiFetch<Page<RepoFile>>(listPath(`${repoPath(org, repo)}/files`, pageParam), { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
    ...FRESH,
  });
}

export function useRepoMembers(org: string, repo: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: repoMembersKey(org, repo),
    queryFn: ({ pageParam, signal }) =>
      apiFetch<Page<RepoMember>>(listPath(`${repoPath(org, repo)}/members`, pageParam), { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
    ...FRESH,
  });
}
