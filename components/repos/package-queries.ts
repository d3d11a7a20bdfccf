'use client';

// Packages, versions and the download log of a repository through the API.
import { repoPath, usePagedList } from './queries';

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

const LIMIT = 50;

export const usePackages = (org: string, repo: string, q: string) =>
  usePagedList<PackageSummary>(packagesKey(org, repo), `${repoPath(org, repo)}/packages`, { extra: q ? { q } : {}, limit: LIMIT });

export const useVersions = (org: string, repo: string, name: string, enabled: boolean) =>
  usePagedList<PackageVersion>(versionsKey(org, repo, name), `${repoPath(org, repo)}/packages/${encodeURIComponent(name)}/versions`, { enabled, limit: LIMIT });

export const useDownloads = (org: string, repo: string) => usePagedList<Download>(downloadsKey(org, repo), `${repoPath(org, repo)}/downloads`, { limit: LIMIT });
