// 401 / 404 / 403 / insufficient_scope: which error a denied request gets.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/errors';
import { requireScope } from './can';
import type { Scope } from './scopes';
import type { Principal, Resource, UserAccess } from './types';

const repo = (visibility: string, repositoryId = 'r1', orgId = 'o1'): Resource => ({
  type: 'repository',
  orgId,
  repositoryId,
  visibility,
});
const org = (orgId = 'o1'): Resource => ({ type: 'organization', orgId });
const access = (role: string, repoRoles: Record<string, string> = {}): UserAccess => ({
  userId: 'u1',
  orgs: { o1: { role, repoRoles } },
});
const user = (role: string, repoRoles: Record<string, string> = {}): Principal => ({ kind: 'user', user: access(role, repoRoles) });
const anonymous: Principal = { kind: 'anonymous' };

/** Runs requireScope and returns "ok" or "<status> <code>". */
function outcome(p: Principal, scope: Scope, r: Resource): string {
  try {
    requireScope(p, scope, r);
    return 'ok';
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return `${e.status} ${e.code}`;
  }
}

describe('requireScope', () => {
  it('returns when allowed', () => {
    expect(outcome(user('member', { r1: 'reader' }), 'artifact:download', repo('private'))).toBe('ok');
    expect(outcome(anonymous, 'artifact:download', repo('public'))).toBe('ok');
  });

  describe('401 for anonymous', () => {
    it.each([
      ['a private repository', 'artifact:download', repo('private')],
      ['a distribution repository', 'repo:view', repo('distribution')],
      ['a write on a public repository', 'artifact:create', repo('public')],
      ['an organization', 'org.member:view', org()],
      ['tokens', 'token:view', { type: 'token', ownerId: 'u1', orgId: null }],
    ] as [string, Scope, Resource][])('%s', (_, scope, r) => {
      expect(outcome(anonymous, scope, r)).toBe('401 unauthenticated');
    });
  });

  describe('404 when the principal cannot see the resource', () => {
    it('a member without a role on a private repository', () => {
      expect(outcome(user('member'), 'artifact:download', repo('private'))).toBe('404 not_found');
    });
    it('an owner of another org', () => {
      expect(outcome(user('owner'), 'repo:view', repo('private', 'b1', 'o2'))).toBe('404 not_found');
      expect(outcome(user('owner'), 'org.member:view', org('o2'))).toBe('404 not_found');
    });
    it('a distribution manager on a private repository', () => {
      expect(outcome(user('distribution_manager'), 'repo:view', repo('private'))).toBe('404 not_found');
    });
    it('an entitlement on a listed private repository and on the organization', () => {
      const ent: Principal = { kind: 'entitlement', entitlement: { id: 'e1', orgId: 'o1', repositoryIds: ['r1'] } };
      expect(outcome(ent, 'artifact:download', repo('private'))).toBe('404 not_found');
      expect(outcome(ent, 'entitlement:view', org())).toBe('404 not_found');
    });
    it('a token of another org', () => {
      const p: Principal = {
        kind: 'pat',
        user: access('owner'),
        token: { id: 't1', orgId: 'o2', grant: { type: 'resource', resources: [{ repositoryId: null, access: 'manage' }] } },
      };
      expect(outcome(p, 'artifact:download', repo('private'))).toBe('404 not_found');
      expect(outcome(p, 'org.member:view', org())).toBe('404 not_found');
    });
    it("another user's tokens", () => {
      expect(outcome(user('owner'), 'token:view', { type: 'token', ownerId: 'u2', orgId: 'o1' })).toBe('404 not_found');
    });
    it('a repository with an unknown visibility', () => {
      expect(outcome(user('owner'), 'repo:view', repo('weird'))).toBe('404 not_found');
    });
  });

  describe('403 forbidden when the principal sees the resource but lacks the scope', () => {
    it('a reader uploading', () => {
      expect(outcome(user('member', { r1: 'reader' }), 'artifact:create', repo('private'))).toBe('403 forbidden');
    });
    it('an uploader downloading from a private repository', () => {
      expect(outcome(user('member', { r1: 'uploader' }), 'artifact:download', repo('private'))).toBe('403 forbidden');
    });
    it('a signed-in user writing to a public repository', () => {
      expect(outcome(user('member'), 'artifact:create', repo('public'))).toBe('403 forbidden');
    });
    it('a member inviting people; an admin editing owners', () => {
      expect(outcome(user('member'), 'org.member:edit', org())).toBe('403 forbidden');
      expect(outcome(user('admin'), 'org.owner:edit', org())).toBe('403 forbidden');
    });
    it('a distribution manager on a distribution repository and the org', () => {
      expect(outcome(user('distribution_manager'), 'artifact:download', repo('distribution'))).toBe('403 forbidden');
      expect(outcome(user('distribution_manager'), 'audit:view', org())).toBe('403 forbidden');
    });
  });

  describe('403 insufficient_scope for a token that reaches the resource', () => {
    const pat = (role: string, repoRoles: Record<string, string>, grant: Extract<Principal, { kind: 'pat' }>['token']['grant']): Principal => ({
      kind: 'pat',
      user: access(role, repoRoles),
      token: { id: 't1', orgId: 'o1', grant },
    });
    it('an entitlement (read-only) writing to its distribution repository', () => {
      const ent: Principal = { kind: 'entitlement', entitlement: { id: 'e1', orgId: 'o1', repositoryIds: ['r1'] } };
      expect(outcome(ent, 'artifact:create', repo('distribution'))).toBe('403 insufficient_scope');
    });
    it('an upload token downloading', () => {
      const p = pat('member', { r1: 'developer' }, { type: 'resource', resources: [{ repositoryId: 'r1', access: 'upload' }] });
      expect(outcome(p, 'artifact:download', repo('private'))).toBe('403 insufficient_scope');
    });
    it('a resource token on org management', () => {
      const p = pat('admin', {}, { type: 'resource', resources: [{ repositoryId: null, access: 'manage' }] });
      expect(outcome(p, 'org.member:edit', org())).toBe('403 insufficient_scope');
    });
    it('a read token writing to a public repository', () => {
      const p = pat('owner', {}, { type: 'resource', resources: [{ repositoryId: 'r1', access: 'read' }] });
      expect(outcome(p, 'artifact:create', repo('public'))).toBe('403 insufficient_scope');
    });
    it('a scope token without token:edit on its own tokens', () => {
      const p = pat('member', {}, { type: 'scope', scopes: ['token:view'], repositoryIds: '*' });
      expect(outcome(p, 'token:edit', { type: 'token', ownerId: 'u1', orgId: 'o1' })).toBe('403 insufficient_scope');
    });
    it('a token-managing token asking about its owner\'s tokens of another org gets 404 (not disclosed)', () => {
      const p = pat('owner', {}, { type: 'scope', scopes: ['token:view', 'token:edit'], repositoryIds: '*' });
      expect(outcome(p, 'token:edit', { type: 'token', ownerId: 'u1', orgId: 'o2' })).toBe('404 not_found');
      expect(outcome(p, 'token:view', { type: 'token', ownerId: 'u1', orgId: null })).toBe('404 not_found');
      expect(outcome(p, 'token:edit', { type: 'token', ownerId: 'u1', orgId: 'o1' })).toBe('ok');
    });
    it('but a token not covering the repository gets 404', () => {
      const p = pat('member', { r1: 'reader', r2: 'reader' }, { type: 'resource', resources: [{ repositoryId: 'r2', access: 'read' }] });
      expect(outcome(p, 'artifact:download', repo('private'))).toBe('404 not_found');
    });
  });
});
