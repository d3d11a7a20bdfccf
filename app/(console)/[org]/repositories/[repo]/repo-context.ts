// The repository of a console page: loaded once per request (React cache) by
// the layout and the page alike, through the same service as the API, so the
// viewer's permissions on it come from lib/authz. Each page still calls
// requireRepoContext with its own path (see ../../org-context.ts for why).
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { isApiError } from '@/lib/http/errors';
import { getRepo } from '@/lib/repos/service';
import { loadOrgContext, requireOrgContext, type OrgContext } from '../../org-context';

export type RepoView = Awaited<ReturnType<typeof getRepo>>;
export type RepoContext = OrgContext & { repo: RepoView };

/** The repository, or null when it does not exist or the viewer cannot see it (the same answer). */
export const loadRepo = cache(async (slug: string, name: string): Promise<RepoView | null> => {
  const ctx = await loadOrgContext(slug);
  if (ctx.kind !== 'ok') return null;
  try {
    return await getRepo(ctx.actor, slug, name);
  } catch (err) {
    if (isApiError(err) && (err.status === 404 || err.status === 403)) return null;
    throw err;
  }
});

/** The org and repository context, or a redirect to sign-in (back to `path`), or the 404 page. */
export async function requireRepoContext(slug: string, name: string, path: string): Promise<RepoContext> {
  const ctx = await requireOrgContext(slug, path);
  const repo = await loadRepo(slug, name);
  if (!repo) notFound();
  return { ...ctx, repo };
}

/** Route params → the repository name as typed (names are [a-z0-9._-], but be lenient with %-escapes). */
export function repoParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
