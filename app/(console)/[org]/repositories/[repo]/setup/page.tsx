import type { Metadata } from 'next';
import { SetMeUp } from '@/components/repos/set-me-up';
import { repoParam, requireRepoContext } from '../repo-context';

type Params = Promise<{ org: string; repo: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { repo } = await params;
  return { title: `Set me up · ${repoParam(repo)}` };
}

export default async function RepoSetupPage({ params }: { params: Params }) {
  const { org, repo: raw } = await params;
  const name = repoParam(raw);
  const ctx = await requireRepoContext(org, name, `/${org}/repositories/${encodeURIComponent(name)}/setup`);
  const can = new Set(ctx.repo.permissions);
  return (
    <SetMeUp
      orgSlug={ctx.org.slug}
      repo={{ name: ctx.repo.name, format: ctx.repo.format, urls: ctx.repo.urls }}
      canUpload={can.has('artifact:create')}
      canDownload={can.has('artifact:download')}
    />
  );
}
