import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { EditEntitlement } from '@/components/entitlements/edit-view';
import { requireOrgContext } from '../../../org-context';

export const metadata: Metadata = { title: 'Edit entitlement' };

export default async function EditEntitlementPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const ctx = await requireOrgContext(org, `/${org}/entitlements/${encodeURIComponent(id)}/edit`);
  if (!ctx.can.editEntitlements) notFound();
  return <EditEntitlement org={ctx.org.slug} id={id} />;
}
