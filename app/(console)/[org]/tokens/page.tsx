import type { Metadata } from 'next';
import { EmptyState } from '@/components/ui/empty-state';
import { KeyIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { requireOrgContext } from '../org-context';

export const metadata: Metadata = { title: 'Tokens' };

export default async function TokensPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  await requireOrgContext(org, `/${org}/tokens`);
  return (
    <>
      <PageHeader
        title="Personal access tokens"
        description="Your own tokens for package tools, CI jobs and the management API."
      />
      <EmptyState
        icon={<KeyIcon />}
        title="No tokens yet"
        description="A personal access token lets pip, npm, twine, conda, curl or a CI job act as you, limited to the repositories and permissions you choose. Creating tokens arrives with the token release."
      />
    </>
  );
}
