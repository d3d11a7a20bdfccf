'use client';

// Tokens, scopes and repositories through the management API, with
// react-query. Secrets never go through here: create and reissue answers are
// read with apiFetch directly and kept in component state only, so no secret
// ever lands in the query or mutation cache.
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/http/client';
import type { Page } from '@/lib/http/pagination';
import type { RepoSummary, ScopeList, Token, TokenStatus } from './model';

export const TOKENS_PATH = '/api/v1/tokens';
export const tokenPath = (id: string) => `${TOKENS_PATH}/${encodeURIComponent(id)}`;

/** Every token list (all statuses, all orgs) starts with this key: invalidate it after any change. */
export const tokensKey = ['tokens'] as const;
export const tokenListKey = (status: TokenStatus) => [...tokensKey, 'list', status] as const;
export const scopesKey = ['scopes'] as const;
export const reposKey = (org: string) => ['orgs', org, 'repos', 'all'] as const;
export const firstFileKey = (org: string, repo: string) => ['orgs', org, 'repos', repo, 'files', 'first'] as const;

const PAGE_SIZE = 200;
// A ceiling on pages fetched for one list, so a runaway cursor cannot loop forever.
const MAX_PAGES = 25;

/** Follows the cursor to the end: the lists are small and filtered on the client. */
async function everyPage<T>(path: string, signal: AbortSignal, extra: Record<string, string> = {}): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const q = new URLSearchParams({ ...extra, limit: String(PAGE_SIZE) });
    if (cursor) q.set('cursor', cursor);
    const page: Page<T> = await apiFetch<Page<T>>(`${path}?${q}`, { signal });
    out.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return out;
}

/** The caller's tokens of one organization with one status. */
export function useTokens(org: string, status: TokenStatus) {
  return useQuery({
    queryKey: [...tokenListKey(status), org],
    queryFn: ({ signal }) => everyPage<Token>(TOKENS_PATH, signal, { status, org }),
  });
}

/** The scope vocabulary (GET /api/v1/scopes), grouped by the wizard. */
export function useScopes() {
  return useQuery({
    queryKey: scopesKey,
    queryFn: ({ signal }) => apiFetch<ScopeList>('/api/v1/scopes', { signal }).then((r) => r.items),
    staleTime: Infinity,
  });
}

/** The org's repositories the viewer can see, with the viewer's permissions on each. */
export function useRepos(org: string) {
  return useQuery({
    queryKey: reposKey(org),
    queryFn: ({ signal }) => everyPage<RepoSummary>(`/api/v1/orgs/${encodeURIComponent(org)}/repos`, signal),
  });
}

/** The first file of a repository (for a copy-paste download command), or null. */
export function useFirstFile(org: string, repo: string | null, enabled: boolean) {
  return useQuery({
    queryKey: firstFileKey(org, repo ?? ''),
    queryFn: ({ signal }) =>
      apiFetch<Page<{ path: string }>>(
        `/api/v1/orgs/${encodeURIComponent(org)}/repos/${encodeURIComponent(repo ?? '')}/files?limit=1`,
        { signal },
      ).then((p) => p.items[0]?.path ?? null),
    enabled: enabled && repo !== null,
  });
}
