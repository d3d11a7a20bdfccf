import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { RepoHeader } from '@/components/repos/repo-header';
import { RepoTabs } from '@/components/repos/repo-tabs';
import { loadOrgContext } from '../../org-context';
import { loadRepo, repoParam } from './repo-context';

type Params = Promise<{ org: string; repo: string }>;

export default async function RepoLayout({ children, params }: { children: ReactNode; params: Params }) {
  const { org: slug, repo: raw } = await params;
  // Signed out or not a member: the page redirects to sign-in or answers 404
  // (a layout cannot see the path to come back to).
  if ((await loadOrgContext(slug)).kind !== 'ok') return <>{children}</>;
  const repo = await loadRepo(slug, repoParam(raw));
  if (!repo) notFound();
  const base = `/${slug}/repositories/${encodeURIComponent(repo.name)}`;
  const can = new Set(repo.permissions);
  return (
    <>
      <RepoHeader orgSlug={slug} repo={repo} showStats={can.has('artifact:view')} />
      <RepoTabs
        base={base}
        showPackages={repo.format !== 'raw' && can.has('artifact:view')}
        showSetup={can.has('artifact:create') || can.has('artifact:download')}
        showDownloads={can.has('repo.usage:view')}
        showAccess={can.has('repo.member:view')}
        showSettings={can.has('repo:edit') || can.has('repo:delete')}
      />
      <div className="pt-6">{children}</div>
    </>
  );
}
