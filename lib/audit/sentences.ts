// One readable sentence per audit event ("alice@example.com revoked token
// ci-deploy"), for the Audit page and the CSV export. Client-safe, pure. An
// action without a sentence here still reads: "<actor> did <action> on <target>".
import type { z } from 'zod';
import type { auditEventView } from './schema';

export type AuditEvent = z.output<typeof auditEventView>;

const str = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const role = (v: unknown) => str(v).replace(/_/g, ' ');
const q = (s: string) => (s ? `“${s}”` : '');

type Sentence = (who: string, target: string, data: Record<string, unknown>) => string;

const SENTENCES: Record<string, Sentence> = {
  'user.signed_up': (who) => `${who} signed up`,
  'user.signed_in': (who) => `${who} signed in`,
  'user.sign_in_failed': (_, target) => `A sign-in as ${target} failed (wrong e-mail or password)`,
  'org.created': (who, t) => `${who} created the organization ${t}`,
  'org.settings_changed': (who) => `${who} changed the organization's settings`,
  'member.role_changed': (who, t, d) => `${who} changed the role of ${t} from ${role(d.from)} to ${role(d.to)}`,
  'member.removed': (who, t) => `${who} removed ${t} from the organization`,
  'member.left': (who) => `${who} left the organization`,
  'invitation.created': (who, t, d) => `${who} invited ${t} as ${role(d.role)}`,
  'invitation.revoked': (who, t) => `${who} revoked the invitation of ${t}`,
  'invitation.accepted': (who, t, d) => `${who} accepted the invitation${t && t !== who ? ` sent to ${t}` : ''}${d.role ? ` and joined as ${role(d.role)}` : ''}`,
  'repo.created': (who, t, d) => `${who} created the ${str(d.format)} repository ${t}`.replace('the  repository', 'the repository'),
  'repo.updated': (who, t) => `${who} changed the settings of repository ${t}`,
  'repo.deleted': (who, t) => `${who} deleted repository ${t}`,
  'repo.member_role_set': (who, t, d) => `${who} gave ${t} the role ${role(d.to)} on ${str(d.repository)}`,
  'repo.member_role_removed': (who, t, d) => `${who} took the role ${role(d.role)} on ${str(d.repository)} away from ${t}`,
  'artifact.uploaded': (who, t) => `${who} uploaded ${t}`,
  'artifact.deleted': (who, t) => `${who} deleted ${t}`,
  'package.dist_tag_set': (who, t, d) => `${who} pointed the dist-tag ${str(d.tag)} of ${t} at ${str(d.version)}`,
  'token.created': (who, t) => `${who} created token ${t}`,
  'token.updated': (who, t) => `${who} edited token ${t}`,
  'token.reissued': (who, t) => `${who} reissued token ${t}`,
  'token.revoked': (who, t, d) => `${who} revoked token ${t}${d.owner ? ` of ${str(d.owner)}` : ''}`,
  'token.deleted': (who, t) => `${who} deleted token ${t}`,
  'signed_url.created': (who, t, d) => `${who} shared a signed link to ${t}${d.expiresAt ? `, valid until ${str(d.expiresAt)}` : ''}`,
  'signing_key.rotated': (who, _, d) => `${who} rotated the signing key (now version ${str(d.version)}); every earlier signed link stopped working`,
  'entitlement.created': (who, t) => `${who} created entitlement ${t}`,
  'entitlement.updated': (who, t) => `${who} edited entitlement ${t}`,
  'entitlement.refreshed': (who, t) => `${who} refreshed the token of entitlement ${t}`,
  'entitlement.revoked': (who, t) => `${who} revoked entitlement ${t}`,
  'entitlement.deleted': (who, t) => `${who} deleted entitlement ${t}`,
  'entitlement.enabled': (who, t) => `${who} enabled entitlement ${t}`,
  'entitlement.disabled': (who, t) => `${who} disabled entitlement ${t}`,
};

/** The actions the Audit page offers as filters, by kind. */
export const AUDIT_ACTIONS: readonly string[] = Object.keys(SENTENCES);

export function describeAudit(e: Pick<AuditEvent, 'actor' | 'action' | 'target' | 'data'>): string {
  const who = e.actor.label === 'anonymous' ? 'Someone' : e.actor.label || 'Someone';
  const sentence = Object.hasOwn(SENTENCES, e.action) ? SENTENCES[e.action] : undefined;
  if (sentence) return sentence(who, e.target.label, e.data ?? {});
  return `${who} did ${e.action}${e.target.label ? ` on ${q(e.target.label)}` : ''}`;
}
