import type { Metadata } from 'next';
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
        <EmptyState
          icon={<ListIcon />}
          title="The audit log is being recorded"
          description="Changes to members, invitations, roles, repositories, tokens and entitlements, and every sign-in, are already recorded. Browsing them here arrives with the audit release."
        />
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
