import type { Metadata } from 'next';
import { AccessView } from '@/components/repos/access-view';
import { repoParam, requireRepoContext } from '../repo-context';

type Params = Promise<{ org: string; repo: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { repo } = await params;
  return { title: `Access · ${repoParam(repo)}` };
}

export default async function RepoAccessPage({ params }: { params: Params }) {
  const { org, repo: raw } = await params;
  const name = repoParam(raw);
  const ctx = await requireRepoContext(org, name, `/${org}/repositories/${encodeURIComponent(name)}/access`);
  const can = new Set(ctx.repo.permissions);
  return (
    <AccessView
      orgSlug={ctx.org.slug}
      orgName={ctx.org.name}
      repoName={ctx.repo.name}
      viewer={{ id: ctx.user.id, orgRole: ctx.org.role }}
      canView={can.has('repo.member:view')}
      canEdit={can.has('repo.member:edit')}
    />
  );
}
