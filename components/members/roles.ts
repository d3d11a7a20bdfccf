// Organization roles as the console names and explains them (docs/permissions.md "Roles").
import { ORG_ROLES, type OrgRole } from '@/lib/authz/scopes';

export const ROLE_LABELS: Record<OrgRole, string> = {
  owner: 'Owner',
  admin: 'Admin',
  distribution_manager: 'Distribution manager',
  member: 'Member',
};

export const ROLE_DESCRIPTIONS: Record<OrgRole, string> = {
  owner: 'Everything, including granting and removing the owner role.',
  admin: 'Everything but owner management; admin on every repository.',
  distribution_manager: 'Issues and manages entitlement tokens; sees distribution repositories.',
  member: 'Sees the members, creates repositories, and works in the repositories they are given a role on.',
};

export const roleLabel = (role: string): string =>
  (ORG_ROLES as readonly string[]).includes(role) ? ROLE_LABELS[role as OrgRole] : role;

/** The roles a viewer may hand out: only owners grant the owner role. */
export const assignableRoles = (viewerIsOwner: boolean): OrgRole[] =>
  ORG_ROLES.filter((r) => viewerIsOwner || r !== 'owner');
