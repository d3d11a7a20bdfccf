// The permission vocabulary of docs/permissions.md "Roles", as data.
// Everything else in lib/authz (roles, can, grantableBy) is derived from these
// tables, so adding a scope or a role is a one-line change here and the
// checker, the token wizard and the OpenAPI docs all follow.

export type ScopeLevel = 'read' | 'write' | 'manage';
export type ScopeTarget = 'repository' | 'organization' | 'token';

export type ScopeDefinition = {
  readonly scope: string;
  readonly level: ScopeLevel;
  readonly appliesTo: ScopeTarget;
  /** The part before the colon; lets the UI group scopes (token wizard, role docs). */
  readonly category: string;
  readonly description: string;
};

export const SCOPES = [
  // ── repository, read ────────────────────────────────────────────────────
  { scope: 'repo:view', level: 'read', appliesTo: 'repository', category: 'repo', description: 'See the repository and its settings' },
  { scope: 'artifact:view', level: 'read', appliesTo: 'repository', category: 'artifact', description: 'List packages, versions and files' },
  { scope: 'artifact:download', level: 'read', appliesTo: 'repository', category: 'artifact', description: 'Download artifact bytes' },
  // ── repository, write ───────────────────────────────────────────────────
  { scope: 'artifact:create', level: 'write', appliesTo: 'repository', category: 'artifact', description: 'Upload artifacts' },
  // ── repository, manage ──────────────────────────────────────────────────
  { scope: 'artifact:edit', level: 'manage', appliesTo: 'repository', category: 'artifact', description: 'Yank artifacts and edit their metadata' },
  { scope: 'artifact:delete', level: 'manage', appliesTo: 'repository', category: 'artifact', description: 'Delete artifacts' },
  { scope: 'repo:edit', level: 'manage', appliesTo: 'repository', category: 'repo', description: 'Rename the repository, change visibility and description' },
  { scope: 'repo:delete', level: 'manage', appliesTo: 'repository', category: 'repo', description: 'Delete the repository' },
  { scope: 'repo.member:view', level: 'manage', appliesTo: 'repository', category: 'repo.member', description: 'See who holds roles on the repository' },
  { scope: 'repo.member:edit', level: 'manage', appliesTo: 'repository', category: 'repo.member', description: 'Grant and remove repository roles' },
  { scope: 'repo.usage:view', level: 'manage', appliesTo: 'repository', category: 'repo.usage', description: 'See the download log: who downloaded what, when and from where' },
  // ── organization ────────────────────────────────────────────────────────
  { scope: 'repo:create', level: 'write', appliesTo: 'organization', category: 'repo', description: 'Create repositories' },
  { scope: 'org.member:view', level: 'read', appliesTo: 'organization', category: 'org.member', description: 'See the members of the organization' },
  { scope: 'org.member:edit', level: 'manage', appliesTo: 'organization', category: 'org.member', description: 'Invite members, change their roles, remove them' },
  { scope: 'org.settings:edit', level: 'manage', appliesTo: 'organization', category: 'org.settings', description: 'Change organization settings' },
  { scope: 'signing-key:edit', level: 'manage', appliesTo: 'organization', category: 'signing-key', description: 'Rotate the signing key (invalidates signed URLs)' },
  { scope: 'audit:view', level: 'manage', appliesTo: 'organization', category: 'audit', description: 'Read the audit log' },
  { scope: 'entitlement:view', level: 'read', appliesTo: 'organization', category: 'entitlement', description: 'See entitlement tokens and their usage' },
  { scope: 'entitlement:edit', level: 'manage', appliesTo: 'organization', category: 'entitlement', description: 'Create, restrict, disable and revoke entitlement tokens' },
  // Not in the docs/permissions.md table by name: it is the "owner management" that admins
  // lack. Making it a scope keeps "admin = everything but owner management" a
  // table entry instead of an if-statement in the members service.
  { scope: 'org.owner:edit', level: 'manage', appliesTo: 'organization', category: 'org.owner', description: 'Grant or remove the owner role; only owners hold it' },
  // ── the actor's own personal access tokens ──────────────────────────────
  { scope: 'token:view', level: 'read', appliesTo: 'token', category: 'token', description: 'List your personal access tokens' },
  { scope: 'token:edit', level: 'manage', appliesTo: 'token', category: 'token', description: 'Create, edit, reissue, revoke and delete your personal access tokens' },
] as const satisfies readonly ScopeDefinition[];

export type Scope = (typeof SCOPES)[number]['scope'];

const SCOPE_INDEX: ReadonlyMap<string, ScopeDefinition> = new Map(SCOPES.map((s) => [s.scope, s]));

// A Map lookup, not `s in obj`: strings such as "constructor" or "__proto__"
// must never pass as scopes.
export const isScope = (s: string): s is Scope => SCOPE_INDEX.has(s);

export const scopeDefinition = (scope: Scope): ScopeDefinition => SCOPE_INDEX.get(scope)!;

const scopesFor = (target: ScopeTarget): readonly Scope[] =>
  Object.freeze(SCOPES.filter((s) => s.appliesTo === target).map((s) => s.scope));

export const REPOSITORY_SCOPES = scopesFor('repository');
export const ORG_SCOPES = scopesFor('organization');
export const TOKEN_SCOPES = scopesFor('token');

/** What a `public` repository gives everybody, anonymous included. Never a write. */
export const PUBLIC_READ_SCOPES: readonly Scope[] = Object.freeze(['repo:view', 'artifact:view', 'artifact:download']);

// ── closed vocabularies stored as strings in the database ───────────────────
// The schema keeps them as String columns (prisma/schema.prisma), so every
// value read back is re-checked against these lists; anything else is denied.

export const ORG_ROLES = ['owner', 'admin', 'distribution_manager', 'member'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export const REPO_ROLES = ['reader', 'uploader', 'developer', 'admin'] as const;
export type RepoRole = (typeof REPO_ROLES)[number];

export const TOKEN_ACCESS = ['read', 'upload', 'write', 'manage'] as const;
export type TokenAccess = (typeof TOKEN_ACCESS)[number];

export const REPOSITORY_VISIBILITIES = ['public', 'private', 'distribution'] as const;
export type RepositoryVisibility = (typeof REPOSITORY_VISIBILITIES)[number];

/** A resource token's access level is exactly the scopes of the matching repository role. */
export const ACCESS_TO_REPO_ROLE: Readonly<Record<TokenAccess, RepoRole>> = Object.freeze({
  read: 'reader',
  upload: 'uploader',
  write: 'developer',
  manage: 'admin',
});

const oneOf =
  <T extends string>(values: readonly T[]) =>
  (s: string): s is T =>
    (values as readonly string[]).includes(s);

export const isOrgRole = oneOf(ORG_ROLES);
export const isRepoRole = oneOf(REPO_ROLES);
export const isTokenAccess = oneOf(TOKEN_ACCESS);
export const isRepositoryVisibility = oneOf(REPOSITORY_VISIBILITIES);
