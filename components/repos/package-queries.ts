'use client';

// Packages, versions and the download log of a repository through the API.
import type { z } from 'zod';
import type { packageView, versionView } from '@/lib/packages/schema';
import type { downloadView } from '@/lib/usage/schema';
import { repoPath, usePagedList } from './queries';

export type PackageSummary = z.output<typeof packageView>;
export type PackageVersion = z.output<typeof versionView>;
export type Download = z.output<typeof downloadView>;

export const packagesKey = (org: string, repo: string) => ['orgs', org, 'repos', repo, 'packages'] as const;
export const versionsKey = (org: string, repo: string, name: string) => ['orgs', org, 'repos', repo, 'packages', name, 'versions'] as const;
export const downloadsKey = (org: string, repo: string) => ['orgs', org, 'repos', repo, 'downloads'] as const;

const LIMIT = 50;

export const usePackages = (org: string, repo: string, q: string) =>
  usePagedList<PackageSummary>(packagesKey(org, repo), `${repoPath(org, repo)}/packages`, { extra: q ? { q } : {}, limit: LIMIT });

export const useVersions = (org: string, repo: string, name: string, enabled: boolean) =>
  usePagedList<PackageVersion>(versionsKey(org, repo, name), `${repoPath(org, repo)}/packages/${encodeURIComponent(name)}/versions`, { enabled, limit: LIMIT });

export const useDownloads = (org: string, repo: string) => usePagedList<Download>(downloadsKey(org, repo), `${repoPath(org, repo)}/downloads`, { limit: LIMIT });
