import type { Metadata } from 'next';
import { TokensView } from '@/components/tokens/tokens-view';
import { TOKEN_STATUSES } from '@/lib/tokens/schema';
import { env } from '@/lib/env';
import { requireOrgContext } from '../org-context';

export const metadata: Metadata = { title: 'Tokens' };

type Status = (typeof TOKEN_STATUSES)[number];

export default async function TokensPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<{ status?: string | string[] }>;
}) {
  const { org } = await params;
  const { status } = await searchParams;
  const ctx = await requireOrgContext(org, `/${org}/tokens`);
  const initial = (TOKEN_STATUSES as readonly string[]).includes(String(status)) ? (status as Status) : 'active';
  return <TokensView org={{ slug: ctx.org.slug, name: ctx.org.name }} initialStatus={initial} publicUrl={env().downloadUrl} />;
}
