// What every console page of an organization needs: the signed-in actor, the
// org, and which buttons to show. Resolved once per request (React cache), by
// the layout and the page alike. Each page calls requireOrgContext with its
// own path, so a signed-out visitor is sent to sign-in with a callbackUrl that
// brings them back to exactly that page (a layout cannot see the path).
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import type { Actor } from '@/lib/auth/actor';
import { currentActor } from '@/lib/auth/current';
import { can, type Scope } from '@/lib/authz';
import { isApiError } from '@/lib/http/errors';
import { findOrg, getOrg, orgResource } from '@/lib/orgs/service';

// Slugs are [a-z0-9-]; anything else (favicon.ico, robots.txt…) is not an org.
const SLUG_SHAPE = /^[a-z0-9][a-z0-9-]{0,99}$/i;

const PERMISSIONS = {
  editMembers: 'org.member:edit',
  editOwners: 'org.owner:edit',
  editSettings: 'org.settings:edit',
  viewAudit: 'audit:view',
  rotateSigningKey: 'signing-key:edit',
  viewEntitlements: 'entitlement:view',
  editEntitlements: 'entitlement:edit',
  createRepos: 'repo:create',
} as const satisfies Record<string, Scope>;

export type OrgPermissions = Record<keyof typeof PERMISSIONS, boolean>;

export type OrgContext = {
  actor: Actor;
  user: NonNullable<Actor['user']>;
  org: { id: string; slug: string; name: string; role: string; defaultVisibility: string };
  can: OrgPermissions;
};

/** The status of an ApiError (isApiError also recognises other bundles' copies). */
function apiErrorStatus(err: unknown): number | null {
  return isApiError(err) ? err.status : null;
}

type Loaded = { kind: 'anonymous' } | { kind: 'missing' } | ({ kind: 'ok' } & OrgContext);

export const loadOrgContext = cache(async (slug: string): Promise<Loaded> => {
  if (!SLUG_SHAPE.test(slug)) return { kind: 'missing' };
  const actor = await currentActor();
  if (!actor.user) return { kind: 'anonymous' };
  try {
    const view = await getOrg(actor, slug);
    const row = await findOrg(slug);
    const resource = orgResource(row);
    const permissions = Object.fromEntries(
      Object.entries(PERMISSIONS).map(([key, scope]) => [key, can(actor.principal, scope, resource)]),
    ) as OrgPermissions;
    return {
      kind: 'ok',
      actor,
      user: actor.user,
      org: { id: row.id, slug: row.slug, name: row.name, role: view.role ?? 'member', defaultVisibility: row.defaultVisibility },
      can: permissions,
    };
  } catch (err) {
    // Not a member and not a member are the same answer: the org "does not exist".
    const status = apiErrorStatus(err);
    if (status === 404 || status === 403) return { kind: 'missing' };
    throw err;
  }
});

/** The org context, or a redirect to sign-in (back to `path`), or the 404 page. */
export async function requireOrgContext(slug: string, path: string): Promise<OrgContext> {
  const ctx = await loadOrgContext(slug);
  if (ctx.kind === 'anonymous') redirect(`/signin?callbackUrl=${encodeURIComponent(path).replace(/%2F/gi, '/')}`);
  if (ctx.kind === 'missing') notFound();
  return ctx;
}
