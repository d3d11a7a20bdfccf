// Personal access tokens: created by a signed-in user for one organization,
// as a resource token ({repo | "*", access} rows) or a scope token (scope
// strings + coverage). Only the SHA-256 of the secret is stored. Effective
// permission is computed at every request by can() (user now ∩ grant), so
// this service only shapes grants; it never caches access.
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { can, grantableBy, requireScope, type PatGrant, type Resource } from '@/lib/authz';
import { recordAudit } from '@/lib/audit/service';
import { generateSecret, hashSecret, lastFour, prefixOf } from '@/lib/credentials/secret';
import { db, type Tx } from '@/lib/db/client';
import { badRequest, conflict, forbidden, notFound, type ErrorDetail } from '@/lib/http/errors';
import { pageArgs, toPage } from '@/lib/http/pagination';
import { findOrg, orgResource } from '@/lib/orgs/service';
import { parseDuration, type createTokenInput, type listTokensQuery, type updateTokenInput } from './schema';
import { lengthensValidity } from './validity';

const include = {
  org: { select: { slug: true } },
  resources: { select: { access: true, repository: { select: { name: true } } } },
  repositories: { select: { repository: { select: { name: true } } } },
} as const;

type Row = {
  id: string; name: string; description: string; type: string; prefix: string; lastFour: string; scopes: string; allRepositories: boolean;
  expiresAt: Date | null; revokedAt: Date | null; lastUsedAt: Date | null; lastUsedAddress: string | null; createdAt: Date;
  org: { slug: string };
  resources: { access: string; repository: { name: string } | null }[];
  repositories: { repository: { name: string } }[];
};

const iso = (d: Date | null) => d?.toISOString() ?? null;
export const tokenStatus = (t: { revokedAt: Date | null; expiresAt: Date | null }) =>
  t.revokedAt ? 'revoked' : t.expiresAt && t.expiresAt.getTime() <= Date.now() ? 'expired' : 'active';

function view(t: Row) {
  const grant = t.type === 'resource'
    ? { resources: t.resources.map((r) => ({ repo: r.repository?.name ?? '*', access: r.access })) }
    : { scopes: JSON.parse(t.scopes) as string[], repositories: t.allRepositories ? ('*' as const) : t.repositories.map((r) => r.repository.name).sort() };
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    type: t.type as 'resource' | 'scope',
    status: tokenStatus(t),
    prefix: t.prefix,
    lastFour: t.lastFour,
    ...grant,
    org: t.org.slug,
    expiresAt: iso(t.expiresAt),
    revokedAt: iso(t.revokedAt),
    lastUsedAt: iso(t.lastUsedAt),
    lastUsedAddress: t.lastUsedAddress,
    createdAt: t.createdAt.toISOString(),
  };
}

/** The actor's tokens of one org, or of every org (null). can() binds a PAT to its own org's tokens. */
const ownTokens = (actor: Actor, orgId: string | null): Resource => ({ type: 'token', ownerId: actor.user?.id ?? '', orgId });

/**
 * What only the person may do, never a token, whatever its grant: minting a
 * secret (create, reissue: a token cannot mint a wider or longer-lived one)
 * and lengthening a token's validity (lengthensValidity).
 */
const SESSION_ONLY = {
  mint: 'Creating or reissuing tokens needs a signed-in session, not a token.',
  lengthen: 'Extending a token\'s validity (a later or no expiry, or editing an expired or revoked token) needs a signed-in session, not a token.',
} as const;
function requireSession(actor: Actor, why: keyof typeof SESSION_ONLY) {
  if (actor.credential.type !== 'session') throw forbidden(SESSION_ONLY[why]);
}

function expiryFrom(input: { expiresIn?: string; expiresAt?: string | null }): Date | null | undefined {
  if (input.expiresAt !== undefined) return input.expiresAt === null ? null : new Date(input.expiresAt);
  if (input.expiresIn !== undefined) {
    const d = parseDuration(input.expiresIn);
    return d === null || d === undefined ? null : new Date(Date.now() + d);
  }
  return undefined;
}

export async function createToken(actor: Actor, input: z.output<typeof createTokenInput>) {
  requireSession(actor, 'mint');
  const user = actor.user!;
  const org = await findOrg(input.org).catch(() => {
    throw badRequest('No such organization.', [{ path: 'org', message: 'You are not a member of this organization.' }]);
  });
  requireScope(actor.principal, 'org.member:view', orgResource(org));
  requireScope(actor.principal, 'token:edit', ownTokens(actor, org.id));

  const repos = await db().repository.findMany({ where: { orgId: org.id }, select: { id: true, name: true, visibility: true } });
  // A repository the caller cannot view is "not there" for them: naming one
  // gets the same answer as a name that does not exist.
  const repoResource = (r: (typeof repos)[number]): Resource => ({ type: 'repository', orgId: org.id, repositoryId: r.id, visibility: r.visibility });
  const byName = new Map(repos.filter((r) => can(actor.principal, 'repo:view', repoResource(r))).map((r) => [r.name, r]));
  const problems: ErrorDetail[] = [];
  const idOf = (name: string, path: string) => {
    const repo = byName.get(name.toLowerCase());
    if (!repo) problems.push({ path, message: `No repository named "${name}" in ${org.slug}.` });
    return repo?.id ?? '';
  };

  let grant: PatGrant;
  if (input.type === 'resource') {
    grant = { type: 'resource', resources: input.resources!.map((r, i) => ({ repositoryId: r.repo === '*' ? null : idOf(r.repo, `resources.${i}.repo`), access: r.access })) };
  } else {
    const coverage = input.repositories!;
    grant = { type: 'scope', scopes: input.scopes!, repositoryIds: coverage === '*' ? '*' : coverage.map((n, i) => idOf(n, `repositories.${i}`)) };
  }
  if (problems.length) throw badRequest('Some repositories do not exist.', problems);
  const access = actor.principal.kind === 'user' ? actor.principal.user : null;
  const check = access ? grantableBy(access, grant, org.id, repos) : { ok: false as const, problems: [] };
  if (!check.ok) {
    // Point at the request's own fields. grantableBy names only repositories
    // the caller may view and counts the others.
    const named = check.problems.map((p) => ({
      path: p.path.replace(/^resources\.(\d+)\.repositoryId$/, 'resources.$1.repo').replace(/^repositoryIds\./, 'repositories.'),
      message: p.message,
    }));
    throw badRequest('A token may not grant more than you hold.', named);
  }

  const secret = generateSecret('pat');
  const expiresAt = expiryFrom(input) ?? null;
  const token = await db().$transaction(async (tx) => {
    const created = await tx.personalAccessToken.create({
      data: {
        userId: user.id,
        orgId: org.id,
        name: input.name,
        description: input.description ?? '',
        type: input.type,
        secretHash: hashSecret(secret),
        prefix: prefixOf('pat'),
        lastFour: lastFour(secret),
        expiresAt,
        ...(grant.type === 'resource'
          ? { resources: { create: grant.resources.map((r) => ({ repositoryId: r.repositoryId, access: r.access })) } }
          : {
              scopes: JSON.stringify([...new Set(grant.scopes)]),
              allRepositories: grant.repositoryIds === '*',
              repositories: { create: grant.repositoryIds === '*' ? [] : [...new Set(grant.repositoryIds)].map((repositoryId) => ({ repositoryId })) },
            }),
      },
      include,
    });
    await audit(tx, actor, org.id, 'token.created', created, { type: input.type, expiresAt: iso(expiresAt) });
    return created;
  });
  return { token: view(token), secret };
}

const audit = (tx: Tx, actor: Actor, orgId: string, action: string, t: { id: string; name: string }, data?: Record<string, unknown>) =>
  recordAudit(tx, actor, { orgId, action, target: { type: 'token', id: t.id, label: t.name }, data });

export async function listTokens(actor: Actor, q: z.output<typeof listTokensQuery>) {
  // A PAT lists its own org's tokens (can() refuses it the every-org list).
  const orgId = q.org
    ? ((await db().organization.findUnique({ where: { slug: q.org }, select: { id: true } }))?.id ?? '')
    : actor.principal.kind === 'pat' ? actor.principal.token.orgId : null;
  requireScope(actor.principal, 'token:view', ownTokens(actor, orgId));
  const now = new Date();
  const status =
    q.status === 'revoked' ? { revokedAt: { not: null } }
    : q.status === 'expired' ? { revokedAt: null, expiresAt: { lte: now } }
    : q.status === 'active' ? { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] }
    : {};
  const rows = await db().personalAccessToken.findMany({
    where: { userId: actor.user!.id, ...status, ...(orgId !== null ? { orgId } : {}) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    include,
    ...pageArgs(q),
  });
  return toPage(rows, q, view);
}

async function ownToken(actor: Actor, id: string, scope: 'token:view' | 'token:edit') {
  const token = actor.user
    ? await db().personalAccessToken.findFirst({ where: { id, userId: actor.user.id }, include: { ...include, org: { select: { slug: true, id: true } } } })
    : null;
  // 404 for a token of another org when the caller is a PAT, as for one that does not exist.
  requireScope(actor.principal, scope, ownTokens(actor, token?.orgId ?? null));
  if (!token) throw notFound('No such token.');
  return token;
}

export async function getToken(actor: Actor, id: string) {
  return { token: view(await ownToken(actor, id, 'token:view')) };
}

export async function updateToken(actor: Actor, id: string, input: z.output<typeof updateTokenInput>) {
  const token = await ownToken(actor, id, 'token:edit');
  const expiresAt = expiryFrom(input);
  if (input.reissue) requireSession(actor, 'mint');
  if (lengthensValidity(token, expiresAt)) requireSession(actor, 'lengthen');
  if (token.revokedAt) throw conflict('This token is revoked; revocation is permanent.');
  const secret = input.reissue ? generateSecret('pat') : null;
  const updated = await db().$transaction(async (tx) => {
    const updated = await tx.personalAccessToken.update({
      where: { id },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(expiresAt !== undefined ? { expiresAt } : {}),
        // Reissue: a new secret, the old one invalid at once; same id and grant.
        ...(secret ? { secretHash: hashSecret(secret), lastFour: lastFour(secret) } : {}),
      },
      include,
    });
    const changed = Object.keys(input).filter((k) => k !== 'reissue');
    if (changed.length) await audit(tx, actor, token.org.id, 'token.updated', updated, { fields: changed });
    if (secret) await audit(tx, actor, token.org.id, 'token.reissued', updated);
    return updated;
  });
  return secret ? { token: view(updated), secret } : { token: view(updated) };
}

export async function revokeToken(actor: Actor, id: string) {
  const token = await ownToken(actor, id, 'token:edit');
  if (token.revokedAt) return { token: view(token) };
  const updated = await db().$transaction(async (tx) => {
    const updated = await tx.personalAccessToken.update({ where: { id }, data: { revokedAt: new Date() }, include });
    await audit(tx, actor, token.org.id, 'token.revoked', updated);
    return updated;
  });
  return { token: view(updated) };
}

export async function deleteToken(actor: Actor, id: string) {
  const token = await ownToken(actor, id, 'token:edit');
  await db().$transaction(async (tx) => {
    await tx.personalAccessToken.delete({ where: { id } });
    await audit(tx, actor, token.org.id, 'token.deleted', token);
  });
}
