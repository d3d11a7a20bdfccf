'use client';

import { roleLabel } from '@/components/members/roles';
import { Avatar } from '@/components/ui/avatar';
import { DropdownMenu, type DropdownMenuEntry } from '@/components/ui/dropdown-menu';
import { CheckIcon, PlusIcon } from '@/components/ui/icons';

export type OrgSummary = { slug: string; name: string; role: string };

/** The current organization; opens a menu of the user's other organizations and "Create organization". */
export function OrgSwitcher({ current, orgs }: { current: OrgSummary | null; orgs: OrgSummary[] }) {
  const items: DropdownMenuEntry[] = [
    ...orgs.map((o) => ({
      href: `/${o.slug}/repositories`,
      icon: o.slug === current?.slug ? <CheckIcon className="text-brand-600" /> : <span aria-hidden="true" className="size-4" />,
      label: (
        <span className="flex min-w-0 items-baseline justify-between gap-3">
          <span className="truncate">{o.name}</span>
          <span className="shrink-0 text-xs text-fg-muted">{roleLabel(o.role)}</span>
        </span>
      ),
    })),
    ...(orgs.length ? [{ separator: true as const }] : []),
    { href: '/orgs/new', icon: <PlusIcon />, label: 'Create organization' },
  ];

  return (
    <DropdownMenu
      items={items}
      align="start"
      variant="ghost"
      ariaLabel={current ? `${current.name}: switch organization` : 'Switch organization'}
      className="w-full [&>button]:h-auto [&>button]:w-full [&>button]:justify-between [&>button]:border [&>button]:border-border [&>button]:bg-surface [&>button]:px-2.5 [&>button]:py-2 [&>button]:text-fg"
      menuClassName="w-full"
      label={
        current ? (
          <span className="flex min-w-0 flex-1 items-center gap-2.5 text-left">
            <Avatar name={current.name} size="sm" decorative className="rounded-md" />
            <span className="min-w-0">
              <span className="block truncate text-sm font-semibold text-fg">{current.name}</span>
              <span className="block truncate text-xs font-normal text-fg-muted">{roleLabel(current.role)}</span>
            </span>
          </span>
        ) : (
          <span className="flex-1 text-left">Choose an organization</span>
        )
      }
    />
  );
}
