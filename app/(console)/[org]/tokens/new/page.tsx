import type { Metadata } from 'next';
import { TokenWizard } from '@/components/tokens/wizard/token-wizard';
import { env } from '@/lib/env';
import { requireOrgContext } from '../../org-context';

export const metadata: Metadata = { title: 'New token' };

export default async function NewTokenPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await requireOrgContext(org, `/${org}/tokens/new`);
  return <TokenWizard org={{ slug: ctx.org.slug, name: ctx.org.name }} publicUrl={env().downloadUrl} />;
}
