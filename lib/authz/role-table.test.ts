// The whole role × scope table, checked against an expected table written out
// by hand from docs/permissions.md "Roles" — deliberately not derived
// from scopes.ts/roles.ts, so a wrong entry there fails here.
import { describe, expect, it } from 'vitest';
import { can } from './can';
import type { Principal, Resource } from './types';

const ALL_SCOPES = [
  'repo:view', 'artifact:view', 'artifact:download', 'artifact:create', 'artifact:edit', 'artifact:delete',
  'repo:edit', 'repo:delete', 'repo.member:view', 'repo.member:edit', 'repo.usage:view',
  'repo:create', 'org.member:view', 'org.member:edit', 'org.settings:edit', 'signing-key:edit', 'audit:view',
  'entitlement:view', 'entitlement:edit', 'org.owner:edit', 'token:view', 'token:edit',
];
const EVERY_REPO_SCOPE = [
  'repo:view', 'artifact:view', 'artifact:download', 'artifact:create', 'artifact:edit', 'artifact:delete',
  'repo:edit', 'repo:delete', 'repo.member:view', 'repo.member:edit', 'repo.usage:view',
];
const PUBLIC_READ = ['repo:view', 'artifact:view', 'artifact:download'];
const MEMBER_ORG = ['org.member:view', 'repo:create'];

type Where = 'organization' | 'public' | 'private' | 'distribution';
const WHERE: Where[] = ['organization', 'public', 'private', 'distribution'];

const ORG_ROLE_EXPECTED: Record<string, Record<Where, string[]>> = {
  owner: {
    organization: [
      'repo:create', 'org.member:view', 'org.member:edit', 'org.settings:edit', 'signing-key:edit',
      'audit:view', 'entitlement:view', 'entitlement:edit', 'org.owner:edit',
    ],
    public: EVERY_REPO_SCOPE,
    private: EVERY_REPO_SCOPE,
    distribution: EVERY_REPO_SCOPE,
  },
  admin: {
    organization: [
      'repo:create', 'org.member:view', 'org.member:edit', 'org.settings:edit', 'signing-key:edit',
      'audit:view', 'entitlement:view', 'entitlement:edit',
    ],
    public: EVERY_REPO_SCOPE,
    private: EVERY_REPO_SCOPE,
    distribution: EVERY_REPO_SCOPE,
  },
  distribution_manager: {
    organization: ['entitlement:view', 'entitlement:edit', 'org.member:view'],
    public: PUBLIC_READ,
    private: [],
    distribution: ['repo:view'],
  },
  member: { organization: MEMBER_ORG, public: PUBLIC_READ, private: [], distribution: [] },
};

// Org role `member` plus a repository role on repo r1.
const REPO_ROLE_EXPECTED: Record<string, Record<Where, string[]>> = {
  reader: { organization: MEMBER_ORG, public: PUBLIC_READ, private: PUBLIC_READ, distribution: PUBLIC_READ },
  uploader: {
    organization: MEMBER_ORG,
    // A public repository is downloadable by anyone, uploaders included.
    public: ['repo:view', 'artifact:create', 'artifact:view', 'artifact:download'],
    private: ['repo:view', 'artifact:create'],
    distribution: ['repo:view', 'artifact:create'],
  },
  developer: {
    organization: MEMBER_ORG,
    public: ['repo:view', 'artifact:view', 'artifact:download', 'artifact:create', 'artifact:edit'],
    private: ['repo:view', 'artifact:view', 'artifact:download', 'artifact:create', 'artifact:edit'],
    distribution: ['repo:view', 'artifact:view', 'artifact:download', 'artifact:create', 'artifact:edit'],
  },
  admin: { organization: MEMBER_ORG, public: EVERY_REPO_SCOPE, private: EVERY_REPO_SCOPE, distribution: EVERY_REPO_SCOPE },
};

const resourceFor = (where: Where): Resource =>
  where === 'organization'
    ? { type: 'organization', orgId: 'o1' }
    : { type: 'repository', orgId: 'o1', repositoryId: 'r1', visibility: where };

const user = (role: string, repoRoles: Record<string, string> = {}): Principal => ({
  kind: 'user',
  user: { userId: 'u1', orgs: { o1: { role, repoRoles } } },
});

const cases = (expected: Record<string, Record<Where, string[]>>) =>
  Object.entries(expected).flatMap(([role, table]) =>
    WHERE.flatMap((where) => ALL_SCOPES.map((scope) => ({ role, where, scope, allowed: table[where].includes(scope) }))),
  );

describe('org role × scope × resource', () => {
  it.each(cases(ORG_ROLE_EXPECTED))('$role on $where: $scope → $allowed', ({ role, where, scope, allowed }) => {
    expect(can(user(role), scope, resourceFor(where))).toBe(allowed);
  });
});

describe('repository role (org member) × scope × resource', () => {
  it.each(cases(REPO_ROLE_EXPECTED))('$role on $where: $scope → $allowed', ({ role, where, scope, allowed }) => {
    expect(can(user('member', { r1: role }), scope, resourceFor(where))).toBe(allowed);
  });

  it('a repository role applies to its repository only', () => {
    const p = user('member', { r1: 'admin' });
    const other: Resource = { type: 'repository', orgId: 'o1', repositoryId: 'r2', visibility: 'private' };
    for (const scope of ALL_SCOPES) expect(can(p, scope, other)).toBe(false);
  });
});

describe('own tokens', () => {
  it.each([...Object.keys(ORG_ROLE_EXPECTED), 'superuser'])('%s holds token:view/edit on own tokens only', (role) => {
    const p = user(role);
    for (const scope of ALL_SCOPES) {
      expect(can(p, scope, { type: 'token', ownerId: 'u1', orgId: null })).toBe(scope === 'token:view' || scope === 'token:edit');
      expect(can(p, scope, { type: 'token', ownerId: 'u2', orgId: null })).toBe(false);
    }
  });
});

describe('unknowns are denied', () => {
  it.each(WHERE)('unknown org role "superuser" gets nothing but public read on %s', (where) => {
    for (const scope of ALL_SCOPES) {
      expect(can(user('superuser'), scope, resourceFor(where))).toBe(where === 'public' && PUBLIC_READ.includes(scope));
    }
  });

  it.each(['superuser', 'owner', 'toString', '__proto__'])('unknown repository role "%s" gets nothing on a private repo', (role) => {
    for (const scope of ALL_SCOPES) expect(can(user('member', { r1: role }), scope, resourceFor('private'))).toBe(false);
  });

  it.each(['owner', 'admin', 'member'])('unknown scope "repo:nuke" is denied to %s everywhere', (role) => {
    for (const where of WHERE) expect(can(user(role), 'repo:nuke', resourceFor(where))).toBe(false);
    expect(can(user(role), 'constructor', resourceFor('organization'))).toBe(false);
  });

  it.each(['internal', 'Public', '', 'constructor'])('unknown visibility "%s" is denied to everyone, owner included', (visibility) => {
    const r: Resource = { type: 'repository', orgId: 'o1', repositoryId: 'r1', visibility };
    for (const scope of ALL_SCOPES) {
      expect(can(user('owner'), scope, r)).toBe(false);
      expect(can(user('member', { r1: 'admin' }), scope, r)).toBe(false);
      expect(can({ kind: 'anonymous' }, scope, r)).toBe(false);
    }
  });

  it('a scope that does not apply to the resource type is denied', () => {
    expect(can(user('owner'), 'repo:create', resourceFor('private'))).toBe(false);
    expect(can(user('owner'), 'repo:view', resourceFor('organization'))).toBe(false);
  });
});

describe('anonymous and cross-org', () => {
  it.each(WHERE)('anonymous on %s: only public read', (where) => {
    for (const scope of ALL_SCOPES) {
      expect(can({ kind: 'anonymous' }, scope, resourceFor(where))).toBe(where === 'public' && PUBLIC_READ.includes(scope));
    }
  });

  it("owner of org A has nothing on org B but public read", () => {
    const p: Principal = { kind: 'user', user: { userId: 'u1', orgs: { A: { role: 'owner', repoRoles: {} } } } };
    for (const visibility of ['private', 'distribution', 'public']) {
      const r: Resource = { type: 'repository', orgId: 'B', repositoryId: 'b1', visibility };
      for (const scope of ALL_SCOPES) expect(can(p, scope, r)).toBe(visibility === 'public' && PUBLIC_READ.includes(scope));
    }
    for (const scope of ALL_SCOPES) expect(can(p, scope, { type: 'organization', orgId: 'B' })).toBe(false);
  });

  it('a repository role recorded under org A does not open a repository of org B with the same id', () => {
    const p: Principal = { kind: 'user', user: { userId: 'u1', orgs: { A: { role: 'member', repoRoles: { r1: 'admin' } } } } };
    const r: Resource = { type: 'repository', orgId: 'B', repositoryId: 'r1', visibility: 'private' };
    for (const scope of ALL_SCOPES) expect(can(p, scope, r)).toBe(false);
  });
});
