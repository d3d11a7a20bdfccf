// Authorizes a download on the hot path: shape and checksum of the token
// (no database for garbage), then the repository-with-file statement and one
// token lookup by hash (lib/native/lookup), then can() on the facts they
// returned. Nothing is written per request; last use is recorded at most once
// a minute per token, off the request path.
import type { Actor, RequestMeta } from '@/lib/auth/actor';
import { anonymousActor } from '@/lib/auth/actor';
import type { PatGrant } from '@/lib/authz';
import { hashSecret, isWellFormed } from '@/lib/credentials/secret';
import type { CacheRepo } from '@/lib/formats/index-cache';
import { invalidToken, notFound } from '@/lib/http/errors';
import { touchToken } from '@/lib/tokens/resolve';
import { tokenStatus } from '@/lib/tokens/service';
import type { Presented } from './credentials';
import { downloadLookup, type RepoFileRow, type TokenRow } from './lookup';
import { recordDownload } from './record-download';
import { checkRepositoryAccess } from './repository';
import { serveFile } from './serve-file';
import type { NativeRequest, NativeResponse } from './types';

function patActor(t: TokenRow, repoId: string, meta: RequestMeta): Actor {
  const grant: PatGrant = t.type === 'resource'
    ? { type: 'resource', resources: t.accesses.map((access) => ({ repositoryId: repoId, access })) }
    : { type: 'scope', scopes: JSON.parse(t.scopes) as string[], repositoryIds: t.allRepositories ? '*' : t.covered ? [repoId] : [] };
  const repoRoles: Record<string, string> = t.repoRole ? { [repoId]: t.repoRole } : {};
  return {
    principal: {
      kind: 'pat',
      // Only the facts about this one repository: all can() needs here.
      user: { userId: t.userId, orgs: t.orgRole ? { [t.orgId]: { role: t.orgRole, repoRoles } } : {} },
      token: { id: t.id, orgId: t.orgId, grant },
    },
    user: { id: t.userId, email: t.email, name: t.name },
    credential: { type: 'pat', id: t.id },
    meta,
  };
}

export async function authorizeDownload(
  presented: Presented | null,
  meta: RequestMeta,
  target: { org: string; repo: string; path: string; format: string },
): Promise<{ actor: Actor; repo: RepoFileRow }> {
  return authorizeNative(presented, meta, target, 'artifact:download');
}

/**
 * A file download, whole: authorize, 404 when the path names no file, serve
 * it (Range, ETag…) and record it. `notFoundMessage` names what was asked for.
 */
export async function serveDownload(
  req: NativeRequest,
  presented: Presented | null,
  meta: RequestMeta,
  target: { org: string; repo: string; path: string; format: string },
  opts: { headers?: Record<string, string>; notFoundMessage?: string } = {},
): Promise<NativeResponse> {
  const { actor, repo } = await authorizeDownload(presented, meta, target);
  if (!repo.file) throw notFound(opts.notFoundMessage ?? 'No such file.');
  return recordDownload(serveFile(req, repo.file, opts.headers), req, actor, repo, target.path);
}

/**
 * Authorizes reading a repository's index pages (PyPI simple pages, npm
 * packuments, conda repodata) on the same two statements as a download:
 * these pages are fetched as often as files, so they skip Prisma too.
 */
export async function authorizeIndex(
  presented: Presented | null,
  meta: RequestMeta,
  target: { org: string; repo: string; format: string },
): Promise<CacheRepo> {
  const { repo } = await authorizeNative(presented, meta, { ...target, path: '' }, 'artifact:view');
  return { id: repo.repoId, contentVersion: repo.contentVersion };
}

async function authorizeNative(
  presented: Presented | null,
  meta: RequestMeta,
  target: { org: string; repo: string; path: string; format: string },
  scope: 'artifact:download' | 'artifact:view',
): Promise<{ actor: Actor; repo: RepoFileRow }> {
  if (presented && !isWellFormed(presented.secret, 'pat')) throw invalidToken();
  const lookup = downloadLookup();
  const repo = await lookup.repository(target.org.toLowerCase(), target.repo.toLowerCase(), target.path);
  let actor = anonymousActor(meta);
  if (presented) {
    const token = await lookup.token(hashSecret(presented.secret), repo?.repoId ?? '');
    // Revoked, expired, or its owner left the organization: the token is dead.
    if (!token || tokenStatus(token) !== 'active' || !token.orgRole) throw invalidToken();
    actor = patActor(token, repo?.repoId ?? '', meta);
    touchToken(token.id, meta.address);
  }
  const facts = repo && { id: repo.repoId, orgId: repo.orgId, format: repo.format, visibility: repo.visibility };
  checkRepositoryAccess(actor, facts, target.format, scope);
  return { actor, repo: repo! };
}
