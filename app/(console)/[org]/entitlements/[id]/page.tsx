import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { EntitlementDetail } from '@/components/entitlements/detail-view';
import { env } from '@/lib/env';
import { requireOrgContext } from '../../org-context';

export const metadata: Metadata = { title: 'Entitlement' };

export default async function EntitlementPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const ctx = await requireOrgContext(org, `/${org}/entitlements/${encodeURIComponent(id)}`);
  if (!ctx.can.viewEntitlements) notFound();
  return <EntitlementDetail org={ctx.org.slug} id={id} canEdit={ctx.can.editEntitlements} publicUrl={env().downloadUrl} />;
}
