import type { Metadata } from 'next';
import { EntitlementsView } from '@/components/entitlements/entitlements-view';
import type { EntitlementStatus } from '@/components/entitlements/model';
import { EmptyState } from '@/components/ui/empty-state';
import { ShieldIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { requireOrgContext } from '../org-context';

export const metadata: Metadata = { title: 'Entitlements' };

const STATUSES: readonly string[] = ['active', 'disabled', 'expired', 'revoked'];
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

export default async function EntitlementsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<{ q?: string | string[]; tag?: string | string[]; status?: string | string[] }>;
}) {
  const { org } = await params;
  const sp = await searchParams;
  const ctx = await requireOrgContext(org, `/${org}/entitlements`);
  if (!ctx.can.viewEntitlements) {
    return (
      <>
        <PageHeader title="Entitlement tokens" description="Distribution keys you hand to customers." />
        <EmptyState
          icon={<ShieldIcon />}
          title="Entitlement tokens are managed by owners, admins and distribution managers"
          description="Your role in this organization does not include entitlement tokens. Ask an owner or admin if you need access."
        />
      </>
    );
  }
  const status = one(sp.status);
  return (
    <EntitlementsView
      org={{ slug: ctx.org.slug, name: ctx.org.name }}
      canEdit={ctx.can.editEntitlements}
      initial={{ q: one(sp.q).slice(0, 200), tag: one(sp.tag).slice(0, 100), status: STATUSES.includes(status) ? (status as EntitlementStatus) : '' }}
    />
  );
}
