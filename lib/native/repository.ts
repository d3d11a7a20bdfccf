// The repository a native route names, with the status rules of PRODUCT.md:
// anonymous callers get 401 (with the challenge) for anything not public,
// including repositories that do not exist, so a 401/404 difference never
// reveals a private repository; a credential without access gets 404; a
// credential that sees the repository but lacks the scope gets 403.
import type { Actor } from '@/lib/auth/actor';
import { can, requireScope, type Scope } from '@/lib/authz';
import { db } from '@/lib/db/client';
import { notFound, unauthenticated } from '@/lib/http/errors';
import { repoResource, type RepoRow } from '@/lib/repos/service';

export async function authorizeRepository(actor: Actor, orgSlug: string, repoName: string, format: string, scope: Scope): Promise<RepoRow> {
  const repo = await db().repository.findFirst({ where: { name: repoName.toLowerCase(), org: { slug: orgSlug.toLowerCase() } } });
  const anonymous = actor.principal.kind === 'anonymous';
  if (!repo || repo.format !== format) {
    if (anonymous) throw unauthenticated();
    throw notFound('No such repository.');
  }
  if (anonymous && !can(actor.principal, scope, repoResource(repo))) throw unauthenticated();
  requireScope(actor.principal, scope, repoResource(repo));
  return repo;
}
