// The permission engine's public API. Import from '@/lib/authz', not from the
// files inside, so the split between them can change freely.

export {
  ACCESS_TO_REPO_ROLE,
  isOrgRole,
  isRepoRole,
  isRepositoryVisibility,
  isScope,
  isTokenAccess,
  ORG_ROLES,
  ORG_SCOPES,
  PUBLIC_READ_SCOPES,
  REPO_ROLES,
  REPOSITORY_SCOPES,
  REPOSITORY_VISIBILITIES,
  scopeDefinition,
  SCOPES,
  TOKEN_ACCESS,
  TOKEN_SCOPES,
} from './scopes';
export type {
  OrgRole,
  RepoRole,
  RepositoryVisibility,
  Scope,
  ScopeDefinition,
  ScopeLevel,
  ScopeTarget,
  TokenAccess,
} from './scopes';
export { accessScopes, ORG_ROLE_GRANTS, orgRoleGrant, REPO_ROLE_SCOPES, repoRoleScopes } from './roles';
export type { OrgRoleGrant } from './roles';
export type { PatGrant, Principal, RepositoryRef, Resource, UserAccess } from './types';
export { can, effectiveScopes, requireScope, requireVisible } from './can';
export { grantableBy } from './grantable-by';
export type { GrantCheck } from './grantable-by';
