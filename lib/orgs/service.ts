// Organizations and their members. Every function starts with requireScope():
// the one permission check (lib/authz).
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { requireUser } from '@/lib/auth/actor';
import { endUserSessions } from '@/lib/auth/session';
import { requireScope, type Resource } from '@/lib/authz';
import { recordAudit } from '@/lib/audit/service';
import { db } from '@/lib/db/client';
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

const lastOwner = async (orgId: string) => (await db().membership.count({ where: { orgId, role: 'owner' } })) <= 1;

export async function changeMemberRole(actor: Actor, slug: string, userId: string, input: z.output<typeof changeRoleInput>) {
  const org = await findOrg(slug);
  requireScope(actor.principal, 'org.member:edit', orgResource(org));
  const member = await findMember(org.id, userId);
  if (member.role === input.role) return memberView(member);
  // Only owners grant or take away the owner role.
  if (member.role === 'owner' || input.role === 'owner') requireScope(actor.principal, 'org.owner:edit', orgResource(org));
  if (member.role === 'owner' && (await lastOwner(org.id))) {
    throw conflict('The last owner cannot be demoted. Make another member an owner first.');
  }
  const updated = await db().$transaction(async (tx) => {
    const updated = await tx.membership.update({ where: { id: member.id }, data: { role: input.role }, select: memberSelect });
    await recordAudit(tx, actor, {
      orgId: org.id,
      action: 'member.role_changed',
      target: { type: 'user', id: member.user.id, label: member.user.email },
      data: { from: member.role, to: input.role },
    });
    return updated;
  });
  return memberView(updated);
}

/** Removes a member (or lets a member leave) and ends the removed user's sessions. */
export async function removeMember(actor: Actor, slug: string, userId: string) {
  const org = await findOrg(slug);
  const self = actor.user?.id === userId && actor.credential.type === 'session';
  if (!self) requireScope(actor.principal, 'org.member:edit', orgResource(org));
  else requireScope(actor.principal, 'org.member:view', orgResource(org));
  const member = await findMember(org.id, userId);
  if (member.role === 'owner' && !self) requireScope(actor.principal, 'org.owner:edit', orgResource(org));
  if (member.role === 'owner' && (await lastOwner(org.id))) {
    throw conflict('The last owner cannot leave or be removed. Make another member an owner first.');
  }
  await db().$transaction(async (tx) => {
    await tx.repositoryRole.deleteMany({ where: { userId, repository: { orgId: org.id } } });
    await tx.membership.delete({ where: { id: member.id } });
    await recordAudit(tx, actor, {
      orgId: org.id,
      action: self ? 'member.left' : 'member.removed',
      target: { type: 'user', id: member.user.id, label: member.user.email },
      data: { role: member.role },
    });
  });
  if (!self) await endUserSessions(userId);
}
