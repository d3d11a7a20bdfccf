import type { Metadata } from 'next';
import { EmptyState } from '@/components/ui/empty-state';
import { PackageIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { requireOrgContext } from '../org-context';

export const metadata: Metadata = { title: 'Repositories' };

export default async function RepositoriesPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  await requireOrgContext(org, `/${org}/repositories`);
  return (
    <>
      <PageHeader title="Repositories" description="Package repositories of this organization and who can read them." />
      <EmptyState
        icon={<PackageIcon />}
        title="No repositories yet"
        description="Repositories hold raw files, PyPI, npm and conda packages. Creating repositories arrives with the repository release."
      />
    </>
  );
}
