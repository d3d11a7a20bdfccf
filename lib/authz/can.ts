// The one permission check. Pure functions over plain data: every page, server
// action, management API handler and native download route asks here, so a
// rule changes in one place. Fail closed: anything not recognised (role,
// scope, access level, visibility) contributes nothing.

// Relative, not `@/lib/http/errors`: there is no vitest.config.ts mapping the
// `@/` alias yet, and this module is imported by the unit tests. Same file.
import { forbidden, notFound, unauthenticated } from '../http/errors';
import { accessScopes, orgRoleGrant, orgRoleRepositoryScopes, repoRoleScopes } from './roles';
import {
  isRepositoryVisibility,
  isScope,
  PUBLIC_READ_SCOPES,
  scopeDefinition,
  TOKEN_SCOPES,
  type Scope,
} from './scopes';
import type { PatGrant, Principal, Resource, UserAccess } from './types';

// Own-property lookups only: ids come from URLs and must not reach
// Object.prototype ("constructor", "__proto__").
const own = <T>(record: Record<string, T>, key: string): T | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined;

const publicRead = (resource: Resource): readonly Scope[] =>
  resource.type === 'repository' && resource.visibility === 'public' ? PUBLIC_READ_SCOPES : [];

/** Resources this engine refuses to reason about: a repository whose visibility is not one we know. */
const isUnknownResource = (resource: Resource): boolean =>
  resource.type === 'repository' && !isRepositoryVisibility(resource.visibility);

/** What the user may do on the resource through memberships and ownership (public read excluded). */
function userScopes(user: UserAccess, resource: Resource): Scope[] {
  switch (resource.type) {
    case 'organization':
      return [...orgRoleGrant(own(user.orgs, resource.orgId)?.role).organization];
    case 'repository': {
      // Only the membership of the repository's own org counts: being owner of
      // org A says nothing about org B's repositories.
      const membership = own(user.orgs, resource.orgId);
      if (!membership) return [];
      return [
        ...orgRoleRepositoryScopes(membership.role, resource.visibility),
        ...repoRoleScopes(own(membership.repoRoles, resource.repositoryId)),
      ];
    }
    case 'token':
      return resource.ownerId === user.userId ? [...TOKEN_SCOPES] : [];
  }
}

/** The upper bound a PAT's grant sets on the resource (before intersecting with the user). */
function grantScopes(grant: PatGrant, resource: Resource): Scope[] {
  if (grant.type === 'resource') {
    // Resource tokens are repository-only: no org management, no token management.
    if (resource.type !== 'repository') return [];
    return grant.resources
      .filter((row) => row.repositoryId === null || row.repositoryId === resource.repositoryId)
      .flatMap((row) => accessScopes(row.access));
  }
  const covered =
    resource.type !== 'repository' ||
    grant.repositoryIds === '*' ||
    grant.repositoryIds.includes(resource.repositoryId);
  if (!covered) return [];
  return grant.scopes.filter(isScope).filter((s) => scopeDefinition(s).appliesTo === resource.type);
}

function principalScopes(principal: Principal, resource: Resource): Scope[] {
  switch (principal.kind) {
    case 'anonymous':
      return [];
    case 'user':
      return userScopes(principal.user, resource);
    case 'pat': {
      // A token is bound to one org; it opens nothing elsewhere, even if its
      // owner is a member there. That holds for token resources too: a PAT
      // sees and manages only its owner's tokens *of its own org* (never the
      // every-org list, orgId null), so a token leaked from one org cannot
      // list, revoke or edit the owner's tokens in another.
      //
      // token:view / token:edit stay grantable to scope tokens (a CI job that
      // rotates or cleans up its org's tokens needs them), but bounded: besides
      // this org binding, a token can never mint a secret (create, reissue) or
      // lengthen any token's validity (a later or no expiry, editing an expired
      // or revoked token). Those need a signed-in session and are enforced by
      // requireSession in lib/tokens/service.ts; what remains for a PAT only
      // narrows: rename, describe, shorten, revoke, delete.
      if (principal.token.orgId !== resource.orgId) return [];
      // Evaluated now, on every request: demoting the user shrinks the token at once.
      const held = new Set(userScopes(principal.user, resource));
      return grantScopes(principal.token.grant, resource).filter((s) => held.has(s));
    }
    case 'entitlement': {
      const e = principal.entitlement;
      // Entitlements never open private repositories, even when a repository
      // listed at creation was later made private: visibility is checked now.
      const opens =
        resource.type === 'repository' &&
        resource.orgId === e.orgId &&
        resource.visibility === 'distribution' &&
        e.repositoryIds.includes(resource.repositoryId);
      return opens ? ['repo:view', 'artifact:view', 'artifact:download'] : [];
    }
    case 'signed_url': {
      // The HMAC was verified upstream; it names one file of one repository.
      const matches =
        resource.type === 'repository' &&
        resource.orgId === principal.orgId &&
        resource.repositoryId === principal.repositoryId;
      return matches ? ['artifact:download'] : [];
    }
  }
}

/** Every scope the principal holds on the resource right now. */
export function effectiveScopes(principal: Principal, resource: Resource): Set<Scope> {
  if (isUnknownResource(resource)) return new Set();
  return new Set([...principalScopes(principal, resource), ...publicRead(resource)]);
}

/**
 * May the principal do `scope` on the resource? Use in pages to hide buttons;
 * services call requireScope. Unknown scopes and scopes that do not apply to
 * the resource's type are denied.
 */
export function can(principal: Principal, scope: string, resource: Resource): boolean {
  if (!isScope(scope) || scopeDefinition(scope).appliesTo !== resource.type) return false;
  return effectiveScopes(principal, resource).has(scope);
}

/**
 * Can the principal tell that the resource exists? Decides 404 versus 403.
 * - repository: any scope on it (repo:view for every role; a scope token
 *   holding only artifact:create still "reaches" the repository it uploads to).
 * - organization: any org scope (every org role has org.member:view, so
 *   members and distribution managers see their org). A PAT of that org sees
 *   it when its user does, even if the grant carries no org scope: the token is
 *   bound to that org, so naming it reveals nothing. Entitlement and signed-URL
 *   credentials belong to customers and outsiders: they never see the
 *   org's management surface.
 * - token: only the owner's own tokens; other users' tokens are not disclosed,
 *   and a PAT does not disclose its owner's tokens of other orgs.
 */
function canSee(principal: Principal, resource: Resource, held: Set<Scope>): boolean {
  if (isUnknownResource(resource)) return false;
  if (resource.type === 'repository') return held.size > 0;
  if (resource.type === 'organization') {
    if (held.size > 0) return true;
    return (
      principal.kind === 'pat' &&
      principal.token.orgId === resource.orgId &&
      userScopes(principal.user, resource).length > 0
    );
  }
  if (principal.kind === 'pat') return principal.user.userId === resource.ownerId && principal.token.orgId === resource.orgId;
  return principal.kind === 'user' && principal.user.userId === resource.ownerId;
}

/**
 * The guard every service function starts with. Throws the ApiError the route
 * wrapper turns into the response:
 * - 401 anonymous and not allowed (native clients then retry with credentials);
 * - 404 the principal cannot see the resource (existence not disclosed);
 * - 403 it can see it but lacks the scope; for a PAT the code is
 *   `insufficient_scope`, telling the caller that a token with a wider grant
 *   (not a support ticket) is the fix.
 */
const NOT_FOUND_MESSAGE: Record<Resource['type'], string> = {
  organization: 'No such organization.',
  repository: 'No such repository.',
  token: 'No such token.',
};

export function requireScope(principal: Principal, scope: Scope, resource: Resource): void {
  if (can(principal, scope, resource)) return;
  if (principal.kind === 'anonymous') throw unauthenticated();
  // The same message as for a resource that does not exist: nothing tells the two apart.
  if (!canSee(principal, resource, effectiveScopes(principal, resource))) throw notFound(NOT_FOUND_MESSAGE[resource.type]);
  if (principal.kind === 'pat') {
    throw forbidden(`This token does not grant ${scope}.`, 'insufficient_scope');
  }
  // Entitlement tokens are read-only keys: an upload (or anything beyond reading) is never theirs.
  if (principal.kind === 'entitlement') {
    throw forbidden(`Entitlement tokens are read-only; they do not grant ${scope}.`, 'insufficient_scope');
  }
  throw forbidden(`You do not have permission to do this (${scope}).`);
}
