// Who is asking (Principal) and about what (Resource). These are plain data,
// loaded by the credential resolvers (lib/native, the route wrapper, the session)
// and handed to the pure checker in can.ts, so the checker never does I/O and
// a permission decision can be tested without a database.
//
// Role and access values are `string`, not the closed unions, on purpose: they
// come straight from String columns, and the checker must deny anything it does
// not recognise rather than trust a cast.

/** A user's memberships as of this request. Absent org = not a member. */
export type UserAccess = {
  userId: string;
  orgs: Record<string /* orgId */, { role: string; repoRoles: Record<string /* repositoryId */, string> }>;
};

export type PatGrant =
  | {
      type: 'resource';
      resources: {
        /** null = "*": every current and future repository of the token's org */
        repositoryId: string | null;
        access: string;
      }[];
    }
  | { type: 'scope'; scopes: string[]; repositoryIds: '*' | string[] };

export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'user'; user: UserAccess }
  // A PAT carries its owner's *current* access: effective = user ∩ grant.
  | { kind: 'pat'; user: UserAccess; token: { id: string; orgId: string; grant: PatGrant } }
  | { kind: 'entitlement'; entitlement: { id: string; orgId: string; repositoryIds: string[] } }
  | { kind: 'signed_url'; orgId: string; repositoryId: string };

export type Resource =
  | { type: 'organization'; orgId: string }
  | { type: 'repository'; orgId: string; repositoryId: string; visibility: string }
  // The actor's own personal access tokens: those of one org (orgId), or of
  // every org (orgId null: the unfiltered list). A PAT reaches only the tokens
  // of its own org, so for a PAT the null form opens nothing.
  | { type: 'token'; ownerId: string; orgId: string | null };

/** A repository as grantableBy needs it: the org's repositories at token creation. */
export type RepositoryRef = { id: string; visibility: string; name?: string };
