// Organizations and their members. Every function starts with requireScope():
// the one permission check (lib/authz).
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { requireUser } from '@/lib/auth/actor';
import { endUserSessions } from '@/lib/auth/session';
import { requireScope, type Resource } from '@/lib/authz';
import { recordAudit } from '@/lib/audit/service';
import { db, type Tx } from '@/lib/db/client';
import { revokeInvitationsBeyondAuthority } from '@/lib/invitations/inviter';
import { conflict, forbidden, notFound } from '@/lib/http/errors';
import { pageArgs, toPage, type PageQuery } from '@/lib/http/pagination';
import { insertOrganization } from './records';
import type { changeRoleInput, createOrgInput, updateOrgInput } from './schema';

export type OrgRow = { id: string; slug: string; name: string; defaultVisibility: string };

export const orgResource = (org: { id: string }): Resource => ({ type: 'organization', orgId: org.id });

/** The org named by a slug, or 404. Permission is checked by the caller. */
export async function findOrg(slug: string): Promise<OrgRow> {
  const org = await db().organization.findUnique({
    where: { slug: slug.toLowerCase() },
    select: { id: true, slug: true, name: true, defaultVisibility: true },
  });
  if (!org) throw notFound('No such organization.');
  return org;
}

function roleIn(actor: Actor, orgId: string): string | null {
  const p = actor.principal;
  return p.kind === 'user' || p.kind === 'pat' ? (p.user.orgs[orgId]?.role ?? null) : null;
}

const orgView = (org: OrgRow, role: string | null) => ({
  slug: org.slug,
  name: org.name,
  role,
  settings: { defaultVisibility: org.defaultVisibility },
});

export async function createOrg(actor: Actor, input: z.output<typeof createOrgInput>) {
  const user = requireUser(actor);
  // No scope covers "create an organization": only the person, not a token, may.
  if (actor.credential.type !== 'session') throw forbidden('Creating an organization needs a signed-in session, not a token.');
  if (await db().organization.findUnique({ where: { slug: input.slug }, select: { id: true } })) {
    throw conflict('This slug is taken.', [{ path: 'slug', message: 'This slug is taken.' }]);
  }
  const org = await db().$transaction(async (tx) => {
    const org = await insertOrganization(tx, input, user.id);
    await recordAudit(tx, actor, { orgId: org.id, action: 'org.created', target: { type: 'organization', id: org.id, label: org.slug } });
    return org;
  });
  return { slug: org.slug, name: org.name, role: 'owner' };
}

export async function getOrg(actor: Actor, slug: string) {
  const org = await findOrg(slug);
  requireScope(actor.principal, 'org.member:view', orgResource(org));
  return orgView(org, roleIn(actor, org.id));
}

export async function updateOrg(actor: Actor, slug: string, input: z.output<typeof updateOrgInput>) {
  const org = await findOrg(slug);
  requireScope(actor.principal, 'org.settings:edit', orgResource(org));
  const data = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.settings?.defaultVisibility ? { defaultVisibility: input.settings.defaultVisibility } : {}),
  };
  const updated = await db().$transaction(async (tx) => {
    const updated = await tx.organization.update({ where: { id: org.id }, data, select: { id: true, slug: true, name: true, defaultVisibility: true } });
    await recordAudit(tx, actor, {
      orgId: org.id,
      action: 'org.settings_changed',
      target: { type: 'organization', id: org.id, label: org.slug },
      data: { before: { name: org.name, defaultVisibility: org.defaultVisibility }, after: data },
    });
    return updated;
  });
  return orgView(updated, roleIn(actor, org.id));
}

const memberSelect = { id: true, role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } } as const;
type MemberRow = { id: string; role: string; createdAt: Date; user: { id: string; email: string; name: string } };
const memberView = (m: MemberRow) => ({ userId: m.user.id, email: m.user.email, name: m.user.name, role: m.role, joinedAt: m.createdAt.toISOString() });

export async function listMembers(actor: Actor, slug: string, q: PageQuery) {
  const org = await findOrg(slug);
  requireScope(actor.principal, 'org.member:view', orgResource(org));
  const rows = await db().membership.findMany({
    where: { orgId: org.id },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: memberSelect,
    ...pageArgs(q),
  });
  return toPage(rows, q, memberView);
}

async function findMember(orgId: string, userId: string) {
  const m = await db().membership.findUnique({ where: { userId_orgId: { userId, orgId } }, select: memberSelect });
  if (!m) throw notFound('No such member.');
  return m;
}

/**
 * Serializes membership changes of one org: a no-op write on the org row, as
 * the transaction's first statement. On PostgreSQL it takes the row lock, so a
 * concurrent change of the same org waits until this one commits (and then,
 * under READ COMMITTED, its next statement sees the result); on SQLite any
 * write takes the database's write lock. Portable SQL: both quote identifiers
 * with double quotes.
 */
const lockOrg = (tx: Tx, orgId: string) => tx.$executeRaw`UPDATE "Organization" SET "slug" = "slug" WHERE "id" = ${orgId}`;

/**
 * The member as of now, under the org lock, and whether the change would leave
 * the org without an owner. Counted inside the transaction, after the lock, so
 * two owners demoting or removing each other at once cannot both pass.
 */
async function lockedMember(tx: Tx, orgId: string, userId: string) {
  await lockOrg(tx, orgId);
  const m = await tx.membership.findUnique({ where: { userId_orgId: { userId, orgId } }, select: memberSelect });
  if (!m) throw notFound('No such member.');
  const lastOwner = m.role === 'owner' && (await tx.membership.count({ where: { orgId, role: 'owner' } })) <= 1;
  return { m, lastOwner };
}

export async function changeMemberRole(actor: Actor, slug: string, userId: string, input: z.output<typeof changeRoleInput>) {
  const org = await findOrg(slug);
  requireScope(actor.principal, 'org.member:edit', orgResource(org));
  const member = await findMember(org.id, userId);
  if (member.role === input.role) return memberView(member);
  // Only owners grant or take away the owner role.
  if (member.role === 'owner' || input.role === 'owner') requireScope(actor.principal, 'org.owner:edit', orgResource(org));
  const updated = await db().$transaction(async (tx) => {
    const { m, lastOwner } = await lockedMember(tx, org.id, userId);
    // The role may have changed since the permission check: owner changes need org.owner:edit.
    if (m.role !== member.role && m.role === 'owner') requireScope(actor.principal, 'org.owner:edit', orgResource(org));
    if (m.role === input.role) return m;
    if (lastOwner) throw conflict('The last owner cannot be demoted. Make another member an owner first.');
    const updated = await tx.membership.update({ where: { id: m.id }, data: { role: input.role }, select: memberSelect });
    await recordAudit(tx, actor, {
      orgId: org.id,
      action: 'member.role_changed',
      target: { type: 'user', id: m.user.id, label: m.user.email },
      data: { from: m.role, to: input.role },
    });
    // A demoted member's pending invitations for roles they can no longer grant go with the role.
    await revokeInvitationsBeyondAuthority(tx, actor, org.id, userId, 'inviter_demoted');
    return updated;
  });
  return memberView(updated);
}

/**
 * Removes a member (or lets a member leave) and ends the removed user's
 * sessions. In the same transaction, their tokens of this org are revoked
 * (not merely dead while they are away: they would work again on re-join) and
 * their pending invitations are revoked (a departing admin keeps no way back).
 */
export async function removeMember(actor: Actor, slug: string, userId: string) {
  const org = await findOrg(slug);
  const self = actor.user?.id === userId && actor.credential.type === 'session';
  if (!self) requireScope(actor.principal, 'org.member:edit', orgResource(org));
  else requireScope(actor.principal, 'org.member:view', orgResource(org));
  const member = await findMember(org.id, userId);
  if (member.role === 'owner' && !self) requireScope(actor.principal, 'org.owner:edit', orgResource(org));
  await db().$transaction(async (tx) => {
    const { m, lastOwner } = await lockedMember(tx, org.id, userId);
    if (m.role === 'owner' && !self) requireScope(actor.principal, 'org.owner:edit', orgResource(org));
    if (lastOwner) throw conflict('The last owner cannot leave or be removed. Make another member an owner first.');
    await tx.repositoryRole.deleteMany({ where: { userId, repository: { orgId: org.id } } });
    await tx.membership.delete({ where: { id: m.id } });
    await recordAudit(tx, actor, {
      orgId: org.id,
      action: self ? 'member.left' : 'member.removed',
      target: { type: 'user', id: m.user.id, label: m.user.email },
      data: { role: m.role },
    });
    const tokens = await tx.personalAccessToken.findMany({ where: { userId, orgId: org.id, revokedAt: null }, select: { id: true, name: true } });
    if (tokens.length) {
      await tx.personalAccessToken.updateMany({ where: { id: { in: tokens.map((t) => t.id) }, revokedAt: null }, data: { revokedAt: new Date() } });
      for (const t of tokens) {
        await recordAudit(tx, actor, {
          orgId: org.id,
          action: 'token.revoked',
          target: { type: 'token', id: t.id, label: t.name },
          data: { reason: self ? 'member_left' : 'member_removed', owner: m.user.email },
        });
      }
    }
    await revokeInvitationsBeyondAuthority(tx, actor, org.id, userId, self ? 'inviter_left' : 'inviter_removed');
  });
  if (!self) await endUserSessions(userId);
}
