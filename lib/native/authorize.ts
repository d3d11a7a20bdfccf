// The one authorization of the native routes: GET and HEAD of files, index
// pages and uploads all come here. Two prepared statements (lib/native/lookup:
// the repository with the requested file, the token by its hash), no Prisma
// and nothing written per request; then can() on the facts they returned,
// with the 401/404/403 rules of checkRepositoryAccess.
import type { Actor, RequestMeta } from '@/lib/auth/actor';
import type { Scope } from '@/lib/authz';
import type { Presented } from './credentials';
import { downloadLookup, type RepoFileRow } from './lookup';
import { ROUTE_SCOPES } from './dispatch';
import { restrictEntitlement } from './entitlement';
import { credentialKind, nativeActor } from './principal';
import { checkRepositoryAccess } from './repository';

/** What the request presented, and where it came from. */
export type Credential = { presented: Presented | null; meta: RequestMeta };
/** The repository a native route names (org and repo as sent), and the file path ('' for none). */
export type Target = { format: string; org: string; repo: string; path?: string };

export async function authorize(credential: Credential, target: Target, scope: Scope): Promise<{ actor: Actor; repo: RepoFileRow }> {
  // Garbage costs no query.
  if (credential.presented) credentialKind(credential.presented);
  const lookup = downloadLookup();
  const repo = await lookup.repository(target.org.toLowerCase(), target.repo.toLowerCase(), target.path ?? '');
  const actor = await nativeActor(credential.presented, repo?.repoId ?? '', credential.meta, lookup);
  const facts = repo && { id: repo.repoId, orgId: repo.orgId, format: repo.format, visibility: repo.visibility };
  checkRepositoryAccess(actor, facts, target.format, scope);
  // A credential that reached the repository may still be stopped by its restrictions (403 with a reason code).
  const kind = (Object.keys(ROUTE_SCOPES) as (keyof typeof ROUTE_SCOPES)[]).find((k) => ROUTE_SCOPES[k] === scope) ?? 'file';
  restrictEntitlement(actor, { kind, path: target.path ?? '', repo: repo! });
  return { actor, repo: repo! };
}
