import type { Metadata } from 'next';
import { EmptyState } from '@/components/ui/empty-state';
import { ShieldIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { requireOrgContext } from '../org-context';

export const metadata: Metadata = { title: 'Entitlements' };

export default async function EntitlementsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await requireOrgContext(org, `/${org}/entitlements`);
  return (
    <>
      <PageHeader title="Entitlement tokens" description="Distribution keys you hand to customers." />
      {ctx.can.viewEntitlements ? (
        <EmptyState
          icon={<ShieldIcon />}
          title="No entitlement tokens yet"
          description="An entitlement token gives one customer read-only access to distribution repositories, restricted by dates, downloads, clients and networks, with every download recorded. Issuing them arrives with the entitlement release."
        />
      ) : (
        <EmptyState
          icon={<ShieldIcon />}
          title="Entitlement tokens are managed by owners, admins and distribution managers"
          description="Your role in this organization does not include entitlement tokens. Ask an owner or admin if you need access."
        />
      )}
    </>
  );
}
