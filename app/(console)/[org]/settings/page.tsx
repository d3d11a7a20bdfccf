import type { Metadata } from 'next';
import { OrgSettingsForm } from '@/components/orgs/org-settings-form';
import { SigningKeyCard } from '@/components/orgs/signing-key-card';
import { getSigningKey } from '@/lib/signed-urls/service';
import { PageHeader } from '@/components/ui/page-header';
import { requireOrgContext } from '../org-context';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await requireOrgContext(org, `/${org}/settings`);
  const key = ctx.can.rotateSigningKey ? await getSigningKey(ctx.actor, ctx.org.slug) : null;
  return (
    <>
      <PageHeader title="Settings" description="The name of this organization and its defaults." />
      <OrgSettingsForm
        // A fresh form when the saved values change (router.refresh after saving).
        key={`${ctx.org.name}|${ctx.org.defaultVisibility}`}
        org={{ slug: ctx.org.slug, name: ctx.org.name, defaultVisibility: ctx.org.defaultVisibility }}
        canEdit={ctx.can.editSettings}
      />
      {key ? <SigningKeyCard orgSlug={ctx.org.slug} version={key.version} createdAt={key.createdAt} /> : null}
    </>
  );
}
