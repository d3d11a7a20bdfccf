import type { Metadata } from 'next';
import { AuditView } from '@/components/audit/audit-view';
import { EmptyState } from '@/components/ui/empty-state';
import { ListIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { requireOrgContext } from '../org-context';

export const metadata: Metadata = { title: 'Audit log' };

export default async function AuditPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await requireOrgContext(org, `/${org}/audit`);
  return (
    <>
      <PageHeader title="Audit log" description="Who changed what in this organization, from where and when." />
      {ctx.can.viewAudit ? (
        <AuditView orgSlug={ctx.org.slug} />
      ) : (
        <EmptyState
          icon={<ListIcon />}
          title="Only owners and admins can view the audit log"
          description="Ask an owner or admin of this organization if you need to know who changed something."
        />
      )}
    </>
  );
}
