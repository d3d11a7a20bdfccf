import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PackagesView } from '@/components/repos/packages-view';
import { repoParam, requireRepoContext } from '../repo-context';

type Params = Promise<{ org: string; repo: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { repo } = await params;
  return { title: `Packages · ${repoParam(repo)}` };
}

export default async function RepoPackagesPage({ params }: { params: Params }) {
  const { org, repo: raw } = await params;
  const name = repoParam(raw);
  const ctx = await requireRepoContext(org, name, `/${org}/repositories/${encodeURIComponent(name)}/packages`);
  if (ctx.repo.format === 'raw' || !ctx.repo.permissions.includes('artifact:view')) notFound();
  return <PackagesView orgSlug={ctx.org.slug} repo={{ name: ctx.repo.name, format: ctx.repo.format }} />;
}
