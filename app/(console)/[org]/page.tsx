import { redirect } from 'next/navigation';
import { requireOrgContext } from './org-context';

export default async function OrgIndex({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await requireOrgContext(org, `/${org}`);
  redirect(`/${ctx.org.slug}/repositories`);
}
