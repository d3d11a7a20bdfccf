'use client';

// Packages, versions and the download log of a repository through the API.
import { useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/http/client';
import { repoPath } from './queries';

type Page<T> = { items: T[]; nextCursor: string | null };

export type PackageSummary = {
  name: string;
  displayName: string;
  versionCount: number;
  latest: string | null;
  distTags: Record<string, string>;
  updatedAt: string;
};
export type PackageVersion = {
  version: string;
  createdAt: string;
  yanked: boolean;
  files: { path: string; filename: string; size: number; sha256: string }[];
};
export type Download = {
  at: string;
  path: string;
  bytes: number;
  credential: { type: string; label: string | null; user: string | null };
  clientAddress: string;
  userAgent: string;
};

export const packagesKey = (org: string, repo: string) => ['orgs', org, 'repos', repo, 'packages'] as const;
export const versionsKey = (org: string, repo: string, name: string) => ['orgs', org, 'repos', repo, 'packages', name, 'versions'] as const;
export const downloadsKey = (org: string, repo: string) => ['orgs', org, 'repos', repo, 'downloads'] as const;

function listPath(base: string, cursor: string | null, extra: Record<string, string> = {}) {
  const q = new URLSearchParams({ limit: '50', ...extra });
  if (cursor) q.set('cursor', cursor);
  return `${base}?${q}`;
}

function usePaged<T>(key: readonly unknown[], base: string, extra: Record<string, string> = {}, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...key, extra],
    queryFn: ({ pageParam, signal }) => apiFetch<Page<T>>(listPath(base, pageParam, extra), { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
    staleTime: 0,
  });
}

export const usePackages = (org: string, repo: string, q: string) =>
  usePaged<PackageSummary>(packagesKey(org, repo), `${repoPath(org, repo)}/packages`, q ? { q } : {});

export const useVersions = (org: string, repo: string, name: string, enabled: boolean) =>
  usePaged<PackageVersion>(versionsKey(org, repo, name), `${repoPath(org, repo)}/packages/${encodeURIComponent(name)}/versions`, {}, enabled);

export const useDownloads = (org: string, repo: string) => usePaged<Download>(downloadsKey(org, repo), `${repoPath(org, repo)}/downloads`);
