'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/components/ui/cn';
import { ORG_NAV, type NavItem } from './nav-items';

/** The organization's sections the viewer may open; the current one is highlighted and marked aria-current="page". */
export function SidebarNav({ orgSlug, can = {} }: { orgSlug: string; can?: Partial<Record<NonNullable<NavItem['permission']>, boolean>> }) {
  const pathname = usePathname() ?? '';
  return (
    <nav aria-label="Organization" className="px-3">
      <ul className="space-y-0.5">
        {ORG_NAV.filter((item) => !item.permission || can[item.permission]).map((item) => {
          const href = `/${orgSlug}/${item.segment}`;
          const active = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={item.segment}>
              <Link
                href={href}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  'flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium transition-colors focus-visible:-outline-offset-2 [&_svg]:size-4',
                  active
                    ? 'bg-brand-50 text-brand-800 [&_svg]:text-brand-600'
                    : 'text-fg-muted hover:bg-subtle hover:text-fg [&_svg]:text-fg-subtle',
                )}
              >
                {item.icon}
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
