// Personal access tokens: effective = the user's access now ∩ the token's grant.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { can, effectiveScopes } from './can';
import type { PatGrant, Principal, Resource, UserAccess } from './types';

// Written out by hand (docs/permissions.md), not imported from roles.ts.
const PUBLIC_READ = ['repo:view', 'artifact:view', 'artifact:download'];
const EVERY_REPO_SCOPE = [
  'repo:view', 'artifact:view', 'artifact:download', 'artifact:create', 'artifact:edit', 'artifact:delete',
  'repo:edit', 'repo:delete', 'repo.member:view', 'repo.member:edit', 'repo.usage:view',
];
const ACCESS_SCOPES: Record<string, string[]> = {
  read: ['repo:view', 'artifact:view', 'artifact:download'],
  upload: ['repo:view', 'artifact:create'],
  write: ['repo:view', 'artifact:view', 'artifact:download', 'artifact:create', 'artifact:edit'],
  manage: EVERY_REPO_SCOPE,
};
const ORG_SCOPE_LIST = [
  'repo:create', 'org.member:view', 'org.member:edit', 'org.settings:edit', 'signing-key:edit', 'audit:view',
  'entitlement:view', 'entitlement:edit', 'org.owner:edit',
];
const ALL_SCOPES = [...EVERY_REPO_SCOPE, ...ORG_SCOPE_LIST, 'token:view', 'token:edit'];

/** Upper bound the grant lists for the resource, computed independently of can.ts. */
function grantUpperBound(grant: PatGrant, resource: Resource): Set<string> {
  if (grant.type === 'resource') {
    if (resource.type !== 'repository') return new Set();
    return new Set(
      grant.resources
        .filter((r) => r.repositoryId === null || r.repositoryId === resource.repositoryId)
        .flatMap((r) => (Object.hasOwn(ACCESS_SCOPES, r.access) ? ACCESS_SCOPES[r.access]! : [])),
    );
  }
  if (resource.type === 'repository' && grant.repositoryIds !== '*' && !grant.repositoryIds.includes(resource.repositoryId)) {
    return new Set();
  }
  return new Set(grant.scopes);
}

const publicReadOf = (r: Resource) => new Set(r.type === 'repository' && r.visibility === 'public' ? PUBLIC_READ : []);
const isSubset = (a: Set<string>, ...bs: Set<string>[]) => [...a].every((x) => bs.some((b) => b.has(x)));

// ── arbitraries ────────────────────────────────────────────────────────────
const ORGS = ['o1', 'o2'];
const REPOS = ['r1', 'r2', 'r3'];
const orgRole = fc.constantFrom('owner', 'admin', 'distribution_manager', 'member', 'superuser');
const repoRole = fc.constantFrom('reader', 'uploader', 'developer', 'admin', 'bogus');

const membership = fc.record({ role: orgRole, repoRoles: fc.dictionary(fc.constantFrom(...REPOS), repoRole) });
const userAccess: fc.Arbitrary<UserAccess> = fc.record({
  userId: fc.constantFrom('u1', 'u2'),
  orgs: fc.dictionary(fc.constantFrom(...ORGS), membership),
});
const grant: fc.Arbitrary<PatGrant> = fc.oneof(
  fc.record({
    type: fc.constant('resource' as const),
    resources: fc.array(
      fc.record({
        repositoryId: fc.constantFrom(null, ...REPOS, 'r4'),
        access: fc.constantFrom('read', 'upload', 'write', 'manage', 'bogus'),
      }),
      { maxLength: 4 },
    ),
  }),
  fc.record({
    type: fc.constant('scope' as const),
    scopes: fc.subarray([...ALL_SCOPES, 'repo:nuke']),
    repositoryIds: fc.oneof(fc.constant('*' as const), fc.subarray([...REPOS, 'r4'])),
  }),
);
const resource: fc.Arbitrary<Resource> = fc.oneof(
  fc.record({ type: fc.constant('organization' as const), orgId: fc.constantFrom(...ORGS, 'o3') }),
  fc.record({
    type: fc.constant('repository' as const),
    orgId: fc.constantFrom(...ORGS),
    repositoryId: fc.constantFrom(...REPOS, 'r4'),
    visibility: fc.constantFrom('public', 'private', 'distribution', 'weird'),
  }),
  fc.record({ type: fc.constant('token' as const), ownerId: fc.constantFrom('u1', 'u2'), orgId: fc.constantFrom(null, ...ORGS) }),
);
const pat = (user: UserAccess, g: PatGrant, orgId: string): Principal => ({
  kind: 'pat',
  user,
  token: { id: 't1', orgId, grant: g },
});

describe('PAT properties', () => {
  it('never exceeds the user, never exceeds the grant (public read aside)', () => {
    fc.assert(
      fc.property(userAccess, grant, fc.constantFrom(...ORGS), resource, (user, g, tokenOrg, res) => {
        const got = effectiveScopes(pat(user, g, tokenOrg), res);
        const publicRead = publicReadOf(res);
        expect(isSubset(got, effectiveScopes({ kind: 'user', user }, res), publicRead)).toBe(true);
        expect(isSubset(got, grantUpperBound(g, res), publicRead)).toBe(true);
        // The org binding holds for every resource type, token resources included.
        if (res.orgId !== tokenOrg) expect(isSubset(got, publicRead)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('a scope token with every scope on "*" is exactly its user inside its org', () => {
    const everything: PatGrant = { type: 'scope', scopes: ALL_SCOPES, repositoryIds: '*' };
    fc.assert(
      fc.property(userAccess, resource, (user, res) => {
        fc.pre(res.orgId === 'o1');
        expect(effectiveScopes(pat(user, everything, 'o1'), res)).toEqual(effectiveScopes({ kind: 'user', user }, res));
      }),
      { numRuns: 1000 },
    );
  });
});

// ── explicit cases ─────────────────────────────────────────────────────────
const member = (role: string, repoRoles: Record<string, string> = {}, orgId = 'o1'): UserAccess => ({
  userId: 'u1',
  orgs: { [orgId]: { role, repoRoles } },
});
const repo = (repositoryId: string, visibility = 'private', orgId = 'o1'): Resource => ({
  type: 'repository',
  orgId,
  repositoryId,
  visibility,
});
const sorted = (s: Set<string>) => [...s].sort();

describe('PAT cases', () => {
  it('an upload-only token cannot download, even for a developer', () => {
    const p = pat(member('member', { r1: 'developer' }), { type: 'resource', resources: [{ repositoryId: 'r1', access: 'upload' }] }, 'o1');
    expect(can(p, 'artifact:create', repo('r1'))).toBe(true);
    expect(can(p, 'artifact:download', repo('r1'))).toBe(false);
    expect(can(p, 'artifact:view', repo('r1'))).toBe(false);
  });

  it('"*" covers a repository created after the token', () => {
    const p = pat(member('owner'), { type: 'resource', resources: [{ repositoryId: null, access: 'read' }] }, 'o1');
    expect(sorted(effectiveScopes(p, repo('created-later')))).toEqual(['artifact:download', 'artifact:view', 'repo:view']);
  });

  it('a token of org A gives nothing on org B, even to an owner of both', () => {
    const user: UserAccess = {
      userId: 'u1',
      orgs: { A: { role: 'owner', repoRoles: {} }, B: { role: 'owner', repoRoles: {} } },
    };
    const p = pat(user, { type: 'scope', scopes: ALL_SCOPES, repositoryIds: '*' }, 'A');
    expect(sorted(effectiveScopes(p, repo('b1', 'private', 'B')))).toEqual([]);
    expect(sorted(effectiveScopes(p, { type: 'organization', orgId: 'B' }))).toEqual([]);
    expect(sorted(effectiveScopes(p, repo('b1', 'public', 'B')))).toEqual(['artifact:download', 'artifact:view', 'repo:view']);
  });

  it('a demoted user (member, no repository role) makes the token useless on private repositories', () => {
    const g: PatGrant = { type: 'resource', resources: [{ repositoryId: 'r1', access: 'manage' }, { repositoryId: null, access: 'manage' }] };
    const before = pat(member('admin'), g, 'o1');
    const after = pat(member('member'), g, 'o1');
    expect(can(before, 'repo:delete', repo('r1'))).toBe(true);
    expect(sorted(effectiveScopes(after, repo('r1')))).toEqual([]);
    expect(sorted(effectiveScopes(after, repo('r1', 'distribution')))).toEqual([]);
    expect(sorted(effectiveScopes(after, repo('r1', 'public')))).toEqual(['artifact:download', 'artifact:view', 'repo:view']);
  });

  it('a resource token carries no organization or token scopes', () => {
    const p = pat(member('owner'), { type: 'resource', resources: [{ repositoryId: null, access: 'manage' }] }, 'o1');
    expect(sorted(effectiveScopes(p, { type: 'organization', orgId: 'o1' }))).toEqual([]);
    expect(sorted(effectiveScopes(p, { type: 'token', ownerId: 'u1', orgId: 'o1' }))).toEqual([]);
  });

  it('a scope token honours its repository coverage and its org scopes', () => {
    const p = pat(member('admin'), { type: 'scope', scopes: ['artifact:download', 'audit:view'], repositoryIds: ['r1'] }, 'o1');
    expect(can(p, 'artifact:download', repo('r1'))).toBe(true);
    expect(can(p, 'artifact:download', repo('r2'))).toBe(false);
    expect(can(p, 'repo:view', repo('r1'))).toBe(false);
    expect(can(p, 'audit:view', { type: 'organization', orgId: 'o1' })).toBe(true);
    expect(can(p, 'org.member:edit', { type: 'organization', orgId: 'o1' })).toBe(false);
  });

  it('token scopes need a scope grant listing them and the owner', () => {
    const p = pat(member('member'), { type: 'scope', scopes: ['token:view'], repositoryIds: [] }, 'o1');
    expect(can(p, 'token:view', { type: 'token', ownerId: 'u1', orgId: 'o1' })).toBe(true);
    expect(can(p, 'token:edit', { type: 'token', ownerId: 'u1', orgId: 'o1' })).toBe(false);
    expect(can(p, 'token:view', { type: 'token', ownerId: 'u2', orgId: 'o1' })).toBe(false);
  });

  it('token scopes are bound to the token\'s org: not the owner\'s tokens of other orgs, not the every-org list', () => {
    const owner: UserAccess = { userId: 'u1', orgs: { o1: { role: 'owner', repoRoles: {} }, o2: { role: 'owner', repoRoles: {} } } };
    const p = pat(owner, { type: 'scope', scopes: ['token:view', 'token:edit'], repositoryIds: '*' }, 'o1');
    expect(sorted(effectiveScopes(p, { type: 'token', ownerId: 'u1', orgId: 'o1' }))).toEqual(['token:edit', 'token:view']);
    expect(sorted(effectiveScopes(p, { type: 'token', ownerId: 'u1', orgId: 'o2' }))).toEqual([]);
    expect(sorted(effectiveScopes(p, { type: 'token', ownerId: 'u1', orgId: null }))).toEqual([]);
    // the signed-in user still manages every org's tokens
    const session: Principal = { kind: 'user', user: owner };
    expect(can(session, 'token:edit', { type: 'token', ownerId: 'u1', orgId: 'o2' })).toBe(true);
    expect(can(session, 'token:view', { type: 'token', ownerId: 'u1', orgId: null })).toBe(true);
  });

  it('unknown access levels and scopes in a grant give nothing', () => {
    const r = pat(member('owner'), { type: 'resource', resources: [{ repositoryId: null, access: 'root' }] }, 'o1');
    const s = pat(member('owner'), { type: 'scope', scopes: ['repo:nuke', '__proto__'], repositoryIds: '*' }, 'o1');
    expect(sorted(effectiveScopes(r, repo('r1')))).toEqual([]);
    expect(sorted(effectiveScopes(s, repo('r1')))).toEqual([]);
  });
});
