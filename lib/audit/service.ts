// The one way to write the audit log (docs/permissions.md). Call it inside the
// transaction of the change it records, so the change and its record commit
// together or not at all.
import type { Actor } from '@/lib/auth/actor';
import type { Db } from '@/lib/db/client';

type Client = Pick<Db, 'auditEvent'>;

export type AuditInput = {
  orgId: string | null;
  action: string; // `<target type>.<verb>`, e.g. member.role_changed
  target: { type: string; id?: string | null; label?: string };
  data?: Record<string, unknown>;
};

export async function recordAudit(client: Client, actor: Actor, input: AuditInput) {
  await client.auditEvent.create({
    data: {
      orgId: input.orgId,
      actorId: actor.user?.id ?? null,
      actorLabel: actor.user?.email ?? actor.credential.type,
      credentialType: actor.credential.type,
      credentialId: actor.credential.id,
      action: input.action,
      targetType: input.target.type,
      targetId: input.target.id ?? null,
      targetLabel: input.target.label ?? '',
      address: actor.meta.address,
      userAgent: actor.meta.userAgent.slice(0, 500),
      data: JSON.stringify(input.data ?? {}),
    },
  });
}

/**
 * An event about a user rather than one organization (a sign-in, a failed
 * sign-in): written once into the log of every organization the user belongs
 * to, so each one's admins see it and it stays there after the user leaves;
 * once with no organization when they belong to none (or no such user).
 */
export async function recordUserAudit(client: Client & Pick<Db, 'membership'>, actor: Actor, userId: string | null, input: Omit<AuditInput, 'orgId'>) {
  const orgs = userId ? await client.membership.findMany({ where: { userId }, select: { orgId: true } }) : [];
  const orgIds = orgs.length ? orgs.map((m) => m.orgId) : [null];
  for (const orgId of orgIds) await recordAudit(client, actor, { ...input, orgId });
}
