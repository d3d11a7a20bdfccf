import { describe, expect, it } from 'vitest';
import {
  ACCESS_TO_REPO_ROLE,
  isScope,
  ORG_ROLES,
  ORG_SCOPES,
  REPO_ROLES,
  REPOSITORY_SCOPES,
  SCOPES,
  TOKEN_ACCESS,
} from './scopes';

// [scope, level, appliesTo], copied from docs/permissions.md by hand.
const EXPECTED = [
  ['repo:view', 'read', 'repository'],
  ['artifact:view', 'read', 'repository'],
  ['artifact:download', 'read', 'repository'],
  ['artifact:create', 'write', 'repository'],
  ['artifact:edit', 'manage', 'repository'],
  ['artifact:delete', 'manage', 'repository'],
  ['repo:edit', 'manage', 'repository'],
  ['repo:delete', 'manage', 'repository'],
  ['repo.member:view', 'manage', 'repository'],
  ['repo.member:edit', 'manage', 'repository'],
  ['repo.usage:view', 'manage', 'repository'],
  ['repo:create', 'write', 'organization'],
  ['org.member:view', 'read', 'organization'],
  ['org.member:edit', 'manage', 'organization'],
  ['org.settings:edit', 'manage', 'organization'],
  ['signing-key:edit', 'manage', 'organization'],
  ['audit:view', 'manage', 'organization'],
  ['entitlement:view', 'read', 'organization'],
  ['entitlement:edit', 'manage', 'organization'],
  ['org.owner:edit', 'manage', 'organization'],
  ['token:view', 'read', 'token'],
  ['token:edit', 'manage', 'token'],
] as const;

describe('scope table', () => {
  it('holds exactly the scopes of docs/permissions.md (plus org.owner:edit), with level and target', () => {
    const actual = SCOPES.map((s) => [s.scope, s.level, s.appliesTo]);
    expect([...actual].sort()).toEqual(EXPECTED.map((e) => [...e]).sort());
  });

  it('categories are the part before the colon and every scope has a description', () => {
    for (const s of SCOPES) {
      expect(s.category).toBe(s.scope.split(':')[0]);
      expect(s.description.length).toBeGreaterThan(0);
    }
  });

  it('splits repository and organization scopes', () => {
    expect([...REPOSITORY_SCOPES].sort()).toEqual(EXPECTED.filter((e) => e[2] === 'repository').map((e) => e[0]).sort());
    expect([...ORG_SCOPES].sort()).toEqual(EXPECTED.filter((e) => e[2] === 'organization').map((e) => e[0]).sort());
  });

  it('isScope accepts known scopes only', () => {
    for (const [scope] of EXPECTED) expect(isScope(scope)).toBe(true);
    for (const s of ['repo:nuke', '', 'constructor', '__proto__', 'toString', 'REPO:VIEW', 'repo:view ']) {
      expect(isScope(s)).toBe(false);
    }
  });

  it('roles and access levels', () => {
    expect(ORG_ROLES).toEqual(['owner', 'admin', 'distribution_manager', 'member']);
    expect(REPO_ROLES).toEqual(['reader', 'uploader', 'developer', 'admin']);
    expect(TOKEN_ACCESS).toEqual(['read', 'upload', 'write', 'manage']);
    expect(ACCESS_TO_REPO_ROLE).toEqual({ read: 'reader', upload: 'uploader', write: 'developer', manage: 'admin' });
  });
});
