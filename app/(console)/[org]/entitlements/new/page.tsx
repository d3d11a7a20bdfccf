import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { EntitlementForm } from '@/components/entitlements/entitlement-form';
import { PageHeader } from '@/components/ui/page-header';
import { env } from '@/lib/env';
import { requireOrgContext } from '../../org-context';

export const metadata: Metadata = { title: 'New entitlement' };

export default async function NewEntitlementPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await requireOrgContext(org, `/${org}/entitlements/new`);
  if (!ctx.can.editEntitlements) notFound();
  return (
    <>
      <PageHeader
        title="Create entitlement"
        description="A read-only token for one customer over distribution repositories, with the restrictions you set. Its secret is shown once."
      />
      <EntitlementForm org={ctx.org.slug} mode="create" publicUrl={env().downloadUrl} />
    </>
  );
}
