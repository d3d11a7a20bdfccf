import type { Metadata } from 'next';
import { RepositoriesView } from '@/components/repos/repositories-view';
import { requireOrgContext } from '../org-context';

export const metadata: Metadata = { title: 'Repositories' };

export default async function RepositoriesPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await requireOrgContext(org, `/${org}/repositories`);
  return (
    <RepositoriesView
      org={{ slug: ctx.org.slug, name: ctx.org.name, defaultVisibility: ctx.org.defaultVisibility }}
      canCreate={ctx.can.createRepos}
    />
  );
}
