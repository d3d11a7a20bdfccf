// Accounts: sign-up, sign-in, the current user. Sign-up and sign-in open a
// browser session (lib/auth/session.ts).
import { z } from 'zod';
import { anonymousActor, type Actor, type RequestMeta } from '@/lib/auth/actor';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from '@/lib/auth/password';
import { signInKeys, signInLimiter, signupLimiter } from '@/lib/auth/rate-limit';
import { createSession } from '@/lib/auth/session';
import { recordAudit, recordUserAudit } from '@/lib/audit/service';
import { db } from '@/lib/db/client';
import { env } from '@/lib/env';
import { conflict, forbidden, rateLimited, unauthenticated, type ErrorDetail } from '@/lib/http/errors';
import { insertOrganization } from '@/lib/orgs/records';
import type { signInInput, signupInput } from './schema';

type UserRow = { id: string; email: string; name: string };
const publicUser = (u: UserRow) => ({ id: u.id, email: u.email, name: u.name });

const sessionActor = (user: UserRow, sessionId: string | null, meta: RequestMeta): Actor => ({
  principal: { kind: 'user', user: { userId: user.id, orgs: {} } },
  user: publicUser(user),
  credential: { type: 'session', id: sessionId },
  meta,
});

/** True when self-service sign-up is allowed right now. */
export async function signupOpen(): Promise<boolean> {
  return env().signup === 'open' || (await db().user.count()) === 0;
}

export async function hasUsers(): Promise<boolean> {
  return (await db().user.count()) > 0;
}

const SIGNUP_CLOSED = 'Sign-up is closed on this server. Ask an administrator for an invitation.';
const HOUR_MS = 60 * 60_000;
const isUniqueViolation = (err: unknown) => (err as { code?: unknown } | null)?.code === 'P2002';

export async function signup(input: z.output<typeof signupInput>, meta: RequestMeta) {
  // Per client address, before any work: every attempt costs a scrypt hash,
  // and the 409 below answers whether an e-mail has an account.
  const limit = env().signupRateLimit;
  const wait = limit > 0 ? signupLimiter.hit(meta.address, limit, HOUR_MS) : 0;
  if (wait > 0) throw rateLimited(wait, 'Too many sign-ups from your address.');
  if (!(await signupOpen())) throw forbidden(SIGNUP_CLOSED);
  const taken: ErrorDetail[] = [];
  if (await db().user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    taken.push({ path: 'email', message: 'An account with this e-mail already exists.' });
  }
  if (await db().organization.findUnique({ where: { slug: input.orgSlug }, select: { id: true } })) {
    taken.push({ path: 'orgSlug', message: 'This slug is taken.' });
  }
  if (taken.length) throw conflict(taken.map((t) => t.message).join(' '), taken);

  const passwordHash = await hashPassword(input.password);
  const { user, org } = await db().$transaction(async (tx) => {
    const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash, lastSignInAt: new Date() } });
    // signupOpen() above counted users outside any transaction, so concurrent
    // first sign-ups all see zero. Claim the one first-user slot here: its
    // primary key lets exactly one transaction commit.
    if (env().signup === 'closed') {
      try {
        await tx.signupClaim.create({ data: { slot: 'first_user', userId: user.id } });
      } catch (err) {
        if (isUniqueViolation(err)) throw forbidden(SIGNUP_CLOSED);
        throw err;
      }
    }
    const org = await insertOrganization(tx, { name: input.orgName, slug: input.orgSlug }, user.id);
    const actor = sessionActor(user, null, meta);
    await recordAudit(tx, actor, { orgId: null, action: 'user.signed_up', target: { type: 'user', id: user.id, label: user.email } });
    await recordAudit(tx, actor, { orgId: org.id, action: 'org.created', target: { type: 'organization', id: org.id, label: org.slug } });
    return { user, org };
  });
  const session = await createSession(user.id, meta);
  return { user: publicUser(user), org: { slug: org.slug, name: org.name, role: 'owner' }, session };
}

/**
 * Checks an e-mail and password and opens a session (POST /api/v1/session and
 * next-auth's credentials callback both come here). Failures slow down every
 * attempt for that e-mail but never lock it; they lock the e-mail for the
 * failing address, and the address itself (lib/auth/rate-limit.ts). The
 * answer for an unknown e-mail takes as long as for a wrong password.
 */
export async function signIn(input: z.output<typeof signInInput>, meta: RequestMeta) {
  const keys = signInKeys(input.email, meta.address);
  const locked = signInLimiter.lockedFor(keys);
  if (locked > 0) throw rateLimited(locked);
  const delay = signInLimiter.delayMs(keys);
  signInLimiter.fail(keys); // counted now; taken back on success
  if (delay) await new Promise((r) => setTimeout(r, delay));

  const user = await db().user.findUnique({ where: { email: input.email } });
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !ok) {
    // Recorded for known and unknown e-mails alike and not awaited, so the
    // answer takes as long either way; the e-mail typed is the target, never the password.
    void recordUserAudit(db(), anonymousActor(meta), user?.id ?? null, {
      action: 'user.sign_in_failed',
      target: { type: 'user', id: user?.id ?? null, label: input.email.slice(0, 320) },
    }).catch((err: Error) => console.error(`[tollgate] audit: a failed sign-in could not be recorded (${err.message})`));
    throw unauthenticated('Wrong e-mail or password.');
  }
  signInLimiter.succeeded(keys);
  // Hashes made with older, weaker parameters are upgraded while the password is at hand.
  const rehashed = needsRehash(user.passwordHash) ? await hashPassword(input.password) : null;

  const session = await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date(), ...(rehashed ? { passwordHash: rehashed } : {}) } });
    const session = await createSession(user.id, meta, tx);
    await recordUserAudit(tx, sessionActor(user, session.id, meta), user.id, {
      action: 'user.signed_in',
      target: { type: 'user', id: user.id, label: user.email },
    });
    return session;
  });
  return { user: publicUser(user), session };
}

/** GET /api/v1/user: the signed-in user and their organizations. */
export async function currentUser(actor: Actor) {
  if (!actor.user) throw unauthenticated();
  const memberships = await db().membership.findMany({
    where: { userId: actor.user.id },
    orderBy: { createdAt: 'asc' },
    select: { role: true, org: { select: { slug: true, name: true } } },
  });
  return { ...actor.user, orgs: memberships.map((m) => ({ slug: m.org.slug, name: m.org.name, role: m.role })) };
}
