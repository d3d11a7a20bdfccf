import type { Metadata } from 'next';
import { RepoSettings } from '@/components/repos/repo-settings';
import { repoParam, requireRepoContext } from '../repo-context';

type Params = Promise<{ org: string; repo: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { repo } = await params;
  return { title: `Settings · ${repoParam(repo)}` };
}

export default async function RepoSettingsPage({ params }: { params: Params }) {
  const { org, repo: raw } = await params;
  const name = repoParam(raw);
  const { org: o, repo } = await requireRepoContext(org, name, `/${org}/repositories/${encodeURIComponent(name)}/settings`);
  const can = new Set(repo.permissions);
  return (
    <RepoSettings
      orgSlug={o.slug}
      repo={{
        name: repo.name,
        visibility: repo.visibility,
        description: repo.description,
        fileCount: repo.fileCount,
        totalBytes: repo.totalBytes,
      }}
      canEdit={can.has('repo:edit')}
      canDelete={can.has('repo:delete')}
    />
  );
}
