// Invitations: an admin invites an e-mail with an org role and optional
// repository roles; the link carries a one-time tgi_ secret of which only the
// SHA-256 is stored. Single use (a conditional update claims it), expires
// after 7 days, revocable.
import { z } from 'zod';
import type { Actor, RequestMeta } from '@/lib/auth/actor';
import { hashPassword } from '@/lib/auth/password';
import { createSession } from '@/lib/auth/session';
import { requireScope } from '@/lib/authz';
import { recordAudit } from '@/lib/audit/service';
import { generateSecret, hashSecret, isWellFormed } from '@/lib/credentials/secret';
import { db } from '@/lib/db/client';
import { env } from '@/lib/env';
import { badRequest, conflict, forbidden, notFound, unauthenticated, type ErrorDetail } from '@/lib/http/errors';
import { pageArgs, toPage, type PageQuery } from '@/lib/http/pagination';
import { sendMail } from '@/lib/mail/mailer';
import { findOrg, orgResource } from '@/lib/orgs/service';
import { inviterStillMay } from './inviter';
import { INVITATION_TTL_DAYS, type acceptInvitationInput, type createInvitationInput } from './schema';

const pendingWhere = () => ({ acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } });

const select = {
  id: true,
  email: true,
  role: true,
  createdAt: true,
  expiresAt: true,
  invitedBy: { select: { email: true } },
  repositoryRoles: { select: { role: true, repository: { select: { name: true } } } },
} as const;
type Row = {
  id: string;
  email: string;
  role: string;
  createdAt: Date;
  expiresAt: Date;
  invitedBy: { email: string } | null;
  repositoryRoles: { role: string; repository: { name: string } }[];
};
const view = (i: Row) => ({
  id: i.id,
  email: i.email,
  role: i.role,
  repositories: i.repositoryRoles.map((r) => ({ repo: r.repository.name, role: r.role })),
  invitedBy: i.invitedBy?.email ?? null,
  createdAt: i.createdAt.toISOString(),
  expiresAt: i.expiresAt.toISOString(),
});

export const acceptUrl = (secret: string) => `${env().publicUrl}/invite/${secret}`;

export async function createInvitation(actor: Actor, slug: string, input: z.output<typeof createInvitationInput>) {
  const org = await findOrg(slug);
  requireScope(actor.principal, 'org.member:edit', orgResource(org));
  if (input.role === 'owner') requireScope(actor.principal, 'org.owner:edit', orgResource(org));

  const wanted = input.repositories ?? [];
  const repos = await db().repository.findMany({ where: { orgId: org.id, name: { in: wanted.map((r) => r.repo) } }, select: { id: true, name: true } });
  const byName = new Map(repos.map((r) => [r.name, r.id]));
  const problems: ErrorDetail[] = wanted.flatMap((r, i) => (byName.has(r.repo) ? [] : [{ path: `repositories.${i}.repo`, message: `No repository named "${r.repo}".` }]));
  if (problems.length) throw badRequest('Some repositories do not exist.', problems);

  const member = await db().membership.findFirst({ where: { orgId: org.id, user: { email: input.email } }, select: { id: true } });
  if (member) throw conflict(`${input.email} is already a member.`, [{ path: 'email', message: 'Already a member of this organization.' }]);

  const secret = generateSecret('invitation');
  const invitation = await db().$transaction(async (tx) => {
    // A new invitation for the same address replaces a pending one.
    const replaced = await tx.invitation.updateMany({ where: { orgId: org.id, email: input.email, ...pendingWhere() }, data: { revokedAt: new Date() } });
    const invitation = await tx.invitation.create({
      data: {
        orgId: org.id,
        email: input.email,
        role: input.role,
        secretHash: hashSecret(secret),
        invitedById: actor.user?.id ?? null,
        expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000),
        repositoryRoles: { create: wanted.map((r) => ({ repositoryId: byName.get(r.repo)!, role: r.role })) },
      },
      select,
    });
    await recordAudit(tx, actor, {
      orgId: org.id,
      action: 'invitation.created',
      target: { type: 'invitation', id: invitation.id, label: input.email },
      data: { role: input.role, repositories: wanted, replacedPending: replaced.count },
    });
    return invitation;
  });

  const url = acceptUrl(secret);
  const emailed = await sendMail({
    to: input.email,
    subject: `You are invited to ${org.name} on Tollgate`,
    text: [
      `${actor.user?.name ?? 'An administrator'} invited you to join ${org.name} on Tollgate as ${input.role.replace('_', ' ')}.`,
      '',
      `Accept the invitation: ${url}`,
      '',
      `The link works once and expires on ${invitation.expiresAt.toUTCString()}.`,
    ].join('\n'),
  });
  return { ...view(invitation), acceptUrl: url, emailed };
}

export async function listInvitations(actor: Actor, slug: string, q: PageQuery) {
  const org = await findOrg(slug);
  requireScope(actor.principal, 'org.member:edit', orgResource(org));
  const rows = await db().invitation.findMany({
    where: { orgId: org.id, ...pendingWhere() },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select,
    ...pageArgs(q),
  });
  return toPage(rows, q, view);
}

export async function revokeInvitation(actor: Actor, slug: string, id: string) {
  const org = await findOrg(slug);
  requireScope(actor.principal, 'org.member:edit', orgResource(org));
  await db().$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({ where: { id, orgId: org.id, ...pendingWhere() }, select: { id: true, email: true } });
    if (!invitation) throw notFound('No such pending invitation.');
    await tx.invitation.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, actor, { orgId: org.id, action: 'invitation.revoked', target: { type: 'invitation', id, label: invitation.email } });
  });
}

/** The pending invitation a secret opens, or 404 (malformed, unknown, used, revoked, expired). */
async function findPending(secret: string) {
  if (!isWellFormed(secret, 'invitation')) throw notFound('This invitation link is not valid.');
  const invitation = await db().invitation.findFirst({
    where: { secretHash: hashSecret(secret), ...pendingWhere() },
    select: { ...select, orgId: true, invitedById: true, org: { select: { slug: true, name: true } } },
  });
  if (!invitation) throw notFound('This invitation link is not valid: it was used, revoked or has expired.');
  return invitation;
}

export async function lookupInvitation(secret: string) {
  const i = await findPending(secret);
  const existingUser = !!(await db().user.findUnique({ where: { email: i.email }, select: { id: true } }));
  return { org: i.org, email: i.email, role: i.role, expiresAt: i.expiresAt.toISOString(), existingUser };
}

/**
 * Accepts an invitation. A signed-in user must be the invited address; without
 * a session, a new user is created from name + password (an existing account
 * must sign in first). Returns a session to open when a user was created.
 */
export async function acceptInvitation(actor: Actor, secret: string, input: z.output<typeof acceptInvitationInput>, meta: RequestMeta) {
  // Joining an organization is the person's decision: a token (of any grant,
  // even one bound to another org) may not accept on its owner's behalf.
  if (actor.credential.type !== 'session' && actor.credential.type !== 'anonymous') {
    throw forbidden('Accepting an invitation needs a signed-in session (or no credentials, to create an account), not a token.');
  }
  const invitation = await findPending(secret);
  const existing = await db().user.findUnique({ where: { email: invitation.email }, select: { id: true, email: true, name: true } });

  if (actor.user && actor.user.email !== invitation.email) {
    throw forbidden(`This invitation is for ${invitation.email}. Sign out and accept it as that user.`);
  }
  if (!actor.user && existing) throw unauthenticated(`An account for ${invitation.email} exists: sign in to accept.`);
  if (!actor.user) {
    const missing: ErrorDetail[] = [];
    if (!input.name) missing.push({ path: 'name', message: 'Enter your name.' });
    if (!input.password) missing.push({ path: 'password', message: 'Choose a password.' });
    if (missing.length) throw badRequest('A name and a password are needed to create your account.', missing);
  }
  const passwordHash = actor.user ? null : await hashPassword(input.password!);

  const user = await db().$transaction(async (tx) => {
    // Claim the invitation: only one concurrent acceptance can match.
    const claimed = await tx.invitation.updateMany({ where: { id: invitation.id, ...pendingWhere() }, data: { acceptedAt: new Date() } });
    if (claimed.count !== 1) throw notFound('This invitation link is not valid: it was used, revoked or has expired.');
    // The inviter's authority as of now: demoted or removed since, the
    // invitation no longer stands (removal and demotion also revoke it; this
    // covers invitations older than that rule, and races with it).
    if (!(await inviterStillMay(tx, invitation.invitedById, invitation.orgId, invitation.role))) {
      throw forbidden('This invitation is no longer valid: the person who sent it can no longer grant this role. Ask an administrator for a new one.');
    }
    const user = actor.user ?? (await tx.user.create({ data: { email: invitation.email, name: input.name!, passwordHash: passwordHash!, lastSignInAt: new Date() }, select: { id: true, email: true, name: true } }));
    await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedById: user.id } });
    const already = await tx.membership.findUnique({ where: { userId_orgId: { userId: user.id, orgId: invitation.orgId } } });
    if (already) throw conflict(`You are already a member of ${invitation.org.name}.`);
    await tx.membership.create({ data: { userId: user.id, orgId: invitation.orgId, role: invitation.role } });
    const repoRoles = await tx.invitationRepositoryRole.findMany({ where: { invitationId: invitation.id } });
    for (const r of repoRoles) {
      await tx.repositoryRole.upsert({
        where: { repositoryId_userId: { repositoryId: r.repositoryId, userId: user.id } },
        create: { repositoryId: r.repositoryId, userId: user.id, role: r.role },
        update: { role: r.role },
      });
    }
    const as: Actor = actor.user ? actor : { ...actor, user, credential: { type: 'session', id: null } };
    await recordAudit(tx, as, {
      orgId: invitation.orgId,
      action: 'invitation.accepted',
      target: { type: 'invitation', id: invitation.id, label: invitation.email },
      data: { role: invitation.role, newUser: !actor.user },
    });
    return user;
  });

  const session = actor.user ? null : await createSession(user.id, meta);
  return { user, org: { slug: invitation.org.slug, name: invitation.org.name, role: invitation.role }, session };
}
