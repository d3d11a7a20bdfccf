// Accounts: sign-up, sign-in, the current user. Sign-up and sign-in open a
// browser session (lib/auth/session.ts).
import { z } from 'zod';
import type { Actor, RequestMeta } from '@/lib/auth/actor';
import { dummyHash, hashPassword, verifyPassword } from '@/lib/auth/password';
import { ADDRESS_POLICY, EMAIL_POLICY, signInLimiter, type LimitPolicy } from '@/lib/auth/rate-limit';
import { createSession } from '@/lib/auth/session';
import { recordAudit } from '@/lib/audit/service';
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

export async function signup(input: z.output<typeof signupInput>, meta: RequestMeta) {
  if (!(await signupOpen())) throw forbidden('Sign-up is closed on this server. Ask an administrator for an invitation.');
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
    const org = await insertOrganization(tx, { name: input.orgName, slug: input.orgSlug }, user.id);
    const actor = sessionActor(user, null, meta);
    await recordAudit(tx, actor, { orgId: null, action: 'user.signed_up', target: { type: 'user', id: user.id, label: user.email } });
    await recordAudit(tx, actor, { orgId: org.id, action: 'org.created', target: { type: 'organization', id: org.id, label: org.slug } });
    return { user, org };
  });
  const session = await createSession(user.id, meta);
  return { user: publicUser(user), org: { slug: org.slug, name: org.name, role: 'owner' }, session };
}

const limiterKeys = (email: string, address: string): [string, LimitPolicy][] => [
  [`email:${email}`, EMAIL_POLICY],
  [`address:${address}`, ADDRESS_POLICY],
];

/**
 * Checks an e-mail and password and opens a session. Failures are slowed
 * down and then refused with 429 per e-mail and per address; the answer for
 * an unknown e-mail takes as long as for a wrong password.
 */
export async function signIn(input: z.output<typeof signInInput>, meta: RequestMeta) {
  const keys = limiterKeys(input.email, meta.address);
  const locked = signInLimiter.lockedFor(keys);
  if (locked > 0) throw rateLimited(locked);
  const delay = signInLimiter.delayMs(keys);
  if (delay) await new Promise((r) => setTimeout(r, delay));

  const user = await db().user.findUnique({ where: { email: input.email } });
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !ok) {
    signInLimiter.fail(keys);
    throw unauthenticated('Wrong e-mail or password.');
  }
  signInLimiter.reset(`email:${input.email}`);

  const session = await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
    const session = await createSession(user.id, meta, tx);
    await recordAudit(tx, sessionActor(user, session.id, meta), {
      orgId: null,
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
