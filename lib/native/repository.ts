// The repository a native route names, with the status rules of docs/permissions.md:
// anonymous callers get 401 (with the challenge) for anything not public,
// including repositories that do not exist, so a 401/404 difference never
// reveals a private repository; a credential without access gets 404; a
// credential that sees the repository but lacks the scope gets 403.
import type { Actor } from '@/lib/auth/actor';
import { can, requireScope, type Scope } from '@/lib/authz';
import { db } from '@/lib/db/client';
import { notFound, unauthenticated } from '@/lib/http/errors';
import type { RepoRow } from '@/lib/repos/service';

type RepoFacts = { id: string; orgId: string; format: string; visibility: string };

/** Throws the right 401/404/403 unless `actor` holds `scope` on `repo`. Pure. */
export function checkRepositoryAccess<R extends RepoFacts>(actor: Actor, repo: R | null, format: string, scope: Scope): R {
  const anonymous = actor.principal.kind === 'anonymous';
  if (!repo || repo.format !== format) {
    if (anonymous) throw unauthenticated();
    throw notFound('No such repository.');
  }
  const resource = { type: 'repository' as const, orgId: repo.orgId, repositoryId: repo.id, visibility: repo.visibility };
  if (anonymous && !can(actor.principal, scope, resource)) throw unauthenticated();
  requireScope(actor.principal, scope, resource);
  return repo;
}

export async function authorizeRepository(actor: Actor, orgSlug: string, repoName: string, format: string, scope: Scope): Promise<RepoRow> {
  const repo = await db().repository.findFirst({ where: { name: repoName.toLowerCase(), org: { slug: orgSlug.toLowerCase() } } });
  return checkRepositoryAccess(actor, repo, format, scope);
}
