// Does an edit make a personal access token valid for longer? Such edits need
// the person (a signed-in session), not a token: otherwise a leaked
// short-lived token could make itself, or an already expired sibling,
// permanent. Pure, so the rule is tested without a database.

type Validity = { expiresAt: Date | null; revokedAt: Date | null };

/**
 * True when the edit would lengthen validity: a token that is no longer
 * active (expired or revoked) is touched at all, the expiry is removed, or
 * it moves later. `next` undefined: the expiry is not being changed.
 */
export function lengthensValidity(current: Validity, next: Date | null | undefined, now = Date.now()): boolean {
  const active = !current.revokedAt && (current.expiresAt === null || current.expiresAt.getTime() > now);
  if (!active) return true;
  if (next === undefined) return false;
  if (current.expiresAt === null) return false; // already never expires: any date shortens it
  return next === null || next.getTime() > current.expiresAt.getTime();
}
