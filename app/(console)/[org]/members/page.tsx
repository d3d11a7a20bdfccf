import type { Metadata } from 'next';
import { MembersView } from '@/components/members/members-view';
import { requireOrgContext } from '../org-context';

export const metadata: Metadata = { title: 'Members' };

export default async function MembersPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await requireOrgContext(org, `/${org}/members`);
  return (
    <MembersView
      org={{ slug: ctx.org.slug, name: ctx.org.name }}
      viewer={{ id: ctx.user.id, email: ctx.user.email, role: ctx.org.role }}
      canEdit={ctx.can.editMembers}
      canEditOwners={ctx.can.editOwners}
    />
  );
}
