// A personal access token as a principal, from the facts about it that the
// caller fetched: Prisma on the management API (resolve.ts), the hot path's
// prepared statement on the native routes (lib/native/principal.ts). The rule
// for a dead token and the shape of its grant are written here only.
import type { PatGrant } from '@/lib/authz';
import { tokenStatus } from './service';

export type PatFacts = {
  type: string;
  /** JSON array of scope names (scope tokens). */
  scopes: string;
  allRepositories: boolean;
  revokedAt: Date | null;
  expiresAt: Date | null;
  /** The owner is still a member of the token's organization. */
  ownerIsMember: boolean;
};

/**
 * Revoked, expired, or its owner left or was removed from the token's
 * organization: the token is dead (401), not merely powerless. A token lives
 * inside its owner's membership.
 */
export const isLivePat = (t: PatFacts): boolean => tokenStatus(t) === 'active' && t.ownerIsMember;

/** The token's grant: its resource rows, or its scopes over all or the listed repositories. */
export function patGrant(t: Pick<PatFacts, 'type' | 'scopes' | 'allRepositories'>, resources: { repositoryId: string | null; access: string }[], repositoryIds: string[]): PatGrant {
  return t.type === 'resource'
    ? { type: 'resource', resources }
    : { type: 'scope', scopes: JSON.parse(t.scopes) as string[], repositoryIds: t.allRepositories ? '*' : repositoryIds };
}
