import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DownloadsView } from '@/components/repos/downloads-view';
import { repoParam, requireRepoContext } from '../repo-context';

type Params = Promise<{ org: string; repo: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { repo } = await params;
  return { title: `Downloads · ${repoParam(repo)}` };
}

export default async function RepoDownloadsPage({ params }: { params: Params }) {
  const { org, repo: raw } = await params;
  const name = repoParam(raw);
  const ctx = await requireRepoContext(org, name, `/${org}/repositories/${encodeURIComponent(name)}/downloads`);
  if (!ctx.repo.permissions.includes('repo.usage:view')) notFound();
  return <DownloadsView orgSlug={ctx.org.slug} repo={ctx.repo.name} />;
}
