// An invitation carries its inviter's authority: it may add someone only with
// a role the inviter could still grant. Checked at acceptance (the inviter may
// have been demoted or removed since), and used by member removal and role
// changes to revoke, in the same transaction, the pending invitations the
// member can no longer stand behind. Kept apart from service.ts so that
// lib/orgs can call it without an import cycle.
import type { Actor } from '@/lib/auth/actor';
import { loadUserAccess } from '@/lib/auth/access';
import { can, type Principal } from '@/lib/authz';
import { recordAudit } from '@/lib/audit/service';
import type { Tx } from '@/lib/db/client';

/** The scopes inviting with `role` takes (createInvitation asks the same). */
export function mayInviteAs(principal: Principal, orgId: string, role: string): boolean {
  const org = { type: 'organization' as const, orgId };
  return can(principal, 'org.member:edit', org) && (role !== 'owner' || can(principal, 'org.owner:edit', org));
}

/** May this user, as of now (inside `tx`), still stand behind an invitation with `role`? */
export async function inviterStillMay(tx: Pick<Tx, 'membership' | 'repositoryRole'>, inviterId: string | null, orgId: string, role: string) {
  if (!inviterId) return false; // the inviter's account is gone
  return mayInviteAs({ kind: 'user', user: await loadUserAccess(tx, inviterId) }, orgId, role);
}

/**
 * Revokes the member's pending invitations in the org that their current role
 * (read inside `tx`, after the change) no longer lets them grant; all of them
 * after a removal. One audit event per revoked invitation.
 */
export async function revokeInvitationsBeyondAuthority(tx: Tx, actor: Actor, orgId: string, inviterId: string, reason: string) {
  const pending = await tx.invitation.findMany({
    where: { orgId, invitedById: inviterId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, email: true, role: true },
  });
  if (!pending.length) return 0;
  const access = await loadUserAccess(tx, inviterId);
  const stale = pending.filter((i) => !mayInviteAs({ kind: 'user', user: access }, orgId, i.role));
  for (const i of stale) {
    const revoked = await tx.invitation.updateMany({ where: { id: i.id, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
    if (revoked.count !== 1) continue; // accepted or revoked meanwhile
    await recordAudit(tx, actor, {
      orgId,
      action: 'invitation.revoked',
      target: { type: 'invitation', id: i.id, label: i.email },
      data: { role: i.role, reason },
    });
  }
  return stale.length;
}
