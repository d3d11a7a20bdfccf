import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { ConsoleShell } from '@/components/shell/console-shell';
import { ICONS } from '@/components/shell/icon';
import { OrgSwitcher } from '@/components/shell/org-switcher';
import { SidebarNav } from '@/components/shell/sidebar-nav';
import { UserPanel } from '@/components/shell/user-panel';
import { currentUser } from '@/lib/accounts/service';
import { loadOrgContext, requireOrgContext } from './org-context';

export async function generateMetadata({ params }: { params: Promise<{ org: string }> }): Promise<Metadata> {
  const { org } = await params;
  const ctx = await loadOrgContext(org);
  return ctx.kind === 'ok'
    ? { icons: ICONS, title: { default: ctx.org.name, template: `%s · ${ctx.org.name} · Tollgate` } }
    : { icons: ICONS };
}

export default async function OrgLayout({ children, params }: { children: ReactNode; params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const loaded = await loadOrgContext(slug);
  // Signed out: no shell. Layouts and pages render in parallel and a layout
  // cannot see the path, so the redirect to /signin?callbackUrl=<this page>
  // is each page's job (requireOrgContext with its own path).
  if (loaded.kind === 'anonymous') return <>{children}</>;
  const ctx = await requireOrgContext(slug, `/${slug}`);
  const me = await currentUser(ctx.actor);

  return (
    <ConsoleShell
      sidebar={
        <>
          <div className="px-3">
            <OrgSwitcher current={{ slug: ctx.org.slug, name: ctx.org.name, role: ctx.org.role }} orgs={me.orgs} />
          </div>
          <SidebarNav orgSlug={ctx.org.slug} can={{ viewEntitlements: ctx.can.viewEntitlements }} />
        </>
      }
      footer={<UserPanel user={ctx.user} />}
    >
      {children}
    </ConsoleShell>
  );
}
