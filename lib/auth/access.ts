// Loads a user's current memberships and repository roles: the facts can()
// decides on. Read at every request, so a demotion or removal takes effect on
// the next one.
import type { UserAccess } from '@/lib/authz';
import type { Db } from '@/lib/db/client';

type Client = Pick<Db, 'membership' | 'repositoryRole'>;

export async function loadUserAccess(client: Client, userId: string): Promise<UserAccess> {
  const [memberships, repoRoles] = await Promise.all([
    client.membership.findMany({ where: { userId }, select: { orgId: true, role: true } }),
    client.repositoryRole.findMany({ where: { userId }, select: { repositoryId: true, role: true, repository: { select: { orgId: true } } } }),
  ]);
  const orgs: UserAccess['orgs'] = {};
  for (const m of memberships) orgs[m.orgId] = { role: m.role, repoRoles: {} };
  // Repository roles only count inside an org the user still belongs to.
  for (const r of repoRoles) {
    const org = orgs[r.repository.orgId];
    if (org) org.repoRoles[r.repositoryId] = r.role;
  }
  return { userId, orgs };
}
