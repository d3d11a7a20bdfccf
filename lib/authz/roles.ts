// Role → scopes, as data (docs/permissions.md "Roles"). The checker in
// can.ts only reads these tables; it has no role names of its own, so there is
// exactly one place that says what a role may do.

import {
  ACCESS_TO_REPO_ROLE,
  isOrgRole,
  isRepoRole,
  isRepositoryVisibility,
  isTokenAccess,
  ORG_SCOPES,
  REPOSITORY_SCOPES,
  type OrgRole,
  type RepoRole,
  type RepositoryVisibility,
  type Scope,
} from './scopes';

const NONE: readonly Scope[] = Object.freeze([]);

const READER: readonly Scope[] = ['repo:view', 'artifact:view', 'artifact:download'];
// An uploader (CI publishing, say) may push but not pull: no artifact:view or
// artifact:download, so a leaked CI credential cannot exfiltrate packages.
const UPLOADER: readonly Scope[] = ['repo:view', 'artifact:create'];

export const REPO_ROLE_SCOPES: Readonly<Record<RepoRole, readonly Scope[]>> = Object.freeze({
  reader: Object.freeze(READER),
  uploader: Object.freeze(UPLOADER),
  developer: Object.freeze([...new Set<Scope>([...READER, ...UPLOADER, 'artifact:edit'])]),
  admin: REPOSITORY_SCOPES,
});

/** What an organization role gives: on the org itself and, implicitly, on its repositories. */
export type OrgRoleGrant = {
  readonly organization: readonly Scope[];
  /** Implicit scopes on every repository of the org, whatever its visibility. */
  readonly everyRepository: readonly Scope[];
  /** Implicit scopes on the repositories of the org that have a given visibility. */
  readonly byVisibility: Readonly<Partial<Record<RepositoryVisibility, readonly Scope[]>>>;
};

export const ORG_ROLE_GRANTS: Readonly<Record<OrgRole, OrgRoleGrant>> = Object.freeze({
  owner: { organization: ORG_SCOPES, everyRepository: REPOSITORY_SCOPES, byVisibility: {} },
  // "Everything but owner management": the one org scope owners keep to themselves.
  admin: {
    organization: Object.freeze(ORG_SCOPES.filter((s) => s !== 'org.owner:edit')),
    everyRepository: REPOSITORY_SCOPES,
    byVisibility: {},
  },
  // A vendor's sales/support person: manages customer keys and must see which
  // distribution repositories exist to name them, but gets no artifact access
  // and never sees private repositories.
  distribution_manager: {
    organization: Object.freeze<Scope[]>(['entitlement:view', 'entitlement:edit', 'org.member:view']),
    everyRepository: NONE,
    byVisibility: { distribution: Object.freeze<Scope[]>(['repo:view']) },
  },
  // Repository access of members comes from their repository roles only.
  member: {
    organization: Object.freeze<Scope[]>(['org.member:view', 'repo:create']),
    everyRepository: NONE,
    byVisibility: {},
  },
});

const NO_GRANT: OrgRoleGrant = Object.freeze({ organization: NONE, everyRepository: NONE, byVisibility: {} });

// Role strings come from String columns; anything outside the closed lists
// (typos, removed roles, "superuser", "__proto__") maps to nothing.

export const repoRoleScopes = (role: string | undefined): readonly Scope[] =>
  role !== undefined && isRepoRole(role) ? REPO_ROLE_SCOPES[role] : NONE;

export const orgRoleGrant = (role: string | undefined): OrgRoleGrant =>
  role !== undefined && isOrgRole(role) ? ORG_ROLE_GRANTS[role] : NO_GRANT;

/** Implicit repository scopes an org role gives on one repository of that org. */
export const orgRoleRepositoryScopes = (role: string | undefined, visibility: string): readonly Scope[] => {
  if (!isRepositoryVisibility(visibility)) return NONE;
  const grant = orgRoleGrant(role);
  return [...grant.everyRepository, ...(grant.byVisibility[visibility] ?? NONE)];
};

/** The scopes of a resource token's access level (read | upload | write | manage). */
export const accessScopes = (access: string): readonly Scope[] =>
  isTokenAccess(access) ? REPO_ROLE_SCOPES[ACCESS_TO_REPO_ROLE[access]] : NONE;
