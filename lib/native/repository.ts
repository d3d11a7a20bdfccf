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
import { authorize } from './authorize';
import { ROUTE_SCOPES, type NativeContext } from './dispatch';

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

/**
 * An upload, on the same road as a download (authorize.ts); then the
 * repository's whole row for the services that store the file (uploads are
 * not the hot path: Prisma is fine here).
 */
export async function authorizeUpload(ctx: NativeContext): Promise<{ actor: Actor; repo: RepoRow }> {
  const { actor, repo } = await authorize(ctx, ctx, ROUTE_SCOPES.upload);
  const row = await db().repository.findUnique({ where: { id: repo.repoId } });
  if (!row) throw notFound('No such repository.');
  return { actor, repo: row };
}
