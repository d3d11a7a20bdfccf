'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { cn } from './cn';

// The underline is an inset shadow (not a border) so that overflow-x-auto does not clip the active tab's border.
const listClasses = 'flex gap-5 overflow-x-auto shadow-[inset_0_-1px_0_var(--color-border)]';
const tabClasses =
  'inline-flex shrink-0 items-center gap-1.5 border-b-2 px-0.5 pt-1 pb-2.5 text-sm font-medium whitespace-nowrap transition-colors ' +
  'focus-visible:-outline-offset-2 [&_svg]:size-4';
const activeClasses = 'border-brand-600 text-fg';
const inactiveClasses = 'border-transparent text-fg-muted hover:border-border-strong hover:text-fg';

export type TabItem = {
  id: string;
  label: ReactNode;
  content: ReactNode;
  disabled?: boolean;
};

export type TabsProps = {
  items: TabItem[];
  /** Controlled selected tab id. */
  value?: string;
  /** Initially selected tab id when uncontrolled (defaults to the first tab). */
  defaultValue?: string;
  onValueChange?: (id: string) => void;
  /** Accessible name of the tab list. */
  'aria-label'?: string;
  className?: string;
};

/**
 * In-page tabs (WAI-ARIA tabs pattern, automatic activation): one tab stop,
 * Left/Right arrows move and select, Home/End jump to the ends.
 */
export function Tabs({ items, value, defaultValue, onValueChange, className, ...rest }: TabsProps) {
  const baseId = useId();
  const [internal, setInternal] = useState(defaultValue ?? items.find((t) => !t.disabled)?.id);
  const selected = value ?? internal;
  const tabRefs = useRef(new Map<string, HTMLButtonElement>());

  function select(id: string) {
    if (value === undefined) setInternal(id);
    onValueChange?.(id);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const enabled = items.filter((t) => !t.disabled);
    const index = enabled.findIndex((t) => t.id === selected);
    let next: TabItem | undefined;
    if (event.key === 'ArrowRight') next = enabled[(index + 1) % enabled.length];
    else if (event.key === 'ArrowLeft') next = enabled[(index - 1 + enabled.length) % enabled.length];
    else if (event.key === 'Home') next = enabled[0];
    else if (event.key === 'End') next = enabled[enabled.length - 1];
    if (!next) return;
    event.preventDefault();
    select(next.id);
    tabRefs.current.get(next.id)?.focus();
  }

  const tabId = (id: string) => `${baseId}-tab-${id}`;
  const panelId = (id: string) => `${baseId}-panel-${id}`;

  return (
    <div className={className}>
      <div role="tablist" aria-label={rest['aria-label']} onKeyDown={onKeyDown} className={listClasses}>
        {items.map((tab) => {
          const isSelected = tab.id === selected;
          return (
            <button
              key={tab.id}
              ref={(node) => {
                if (node) tabRefs.current.set(tab.id, node);
                else tabRefs.current.delete(tab.id);
              }}
              type="button"
              role="tab"
              id={tabId(tab.id)}
              aria-selected={isSelected}
              aria-controls={panelId(tab.id)}
              tabIndex={isSelected ? 0 : -1}
              disabled={tab.disabled}
              onClick={() => select(tab.id)}
              className={cn(tabClasses, isSelected ? activeClasses : inactiveClasses, 'disabled:opacity-50')}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      {items.map((tab) => (
        <div
          key={tab.id}
          role="tabpanel"
          id={panelId(tab.id)}
          aria-labelledby={tabId(tab.id)}
          tabIndex={0}
          hidden={tab.id !== selected}
          className="pt-4 focus-visible:outline-offset-4"
        >
          {tab.content}
        </div>
      ))}
    </div>
  );
}

export type LinkTabItem = {
  href: string;
  label: ReactNode;
  /** Only active on an exact path match (default: also active on sub-paths). */
  exact?: boolean;
};

export type LinkTabsProps = {
  items: LinkTabItem[];
  /** Accessible name of the navigation landmark, e.g. "Organization settings". */
  'aria-label': string;
  /** Override the current path (defaults to usePathname()). */
  currentPath?: string;
  className?: string;
};

/** Navigation styled as tabs: real links, the current one marked aria-current="page". */
export function LinkTabs({ items, currentPath, className, ...rest }: LinkTabsProps) {
  const pathname = usePathname();
  const path = currentPath ?? pathname ?? '';
  // The longest matching href wins, so "/settings" and "/settings/tokens" don't both light up.
  let activeHref: string | undefined;
  for (const item of items) {
    const match = item.exact ? path === item.href : path === item.href || path.startsWith(`${item.href.replace(/\/$/, '')}/`);
    if (match && (!activeHref || item.href.length > activeHref.length)) activeHref = item.href;
  }

  return (
    <nav aria-label={rest['aria-label']} className={className}>
      <ul className={listClasses}>
        {items.map((item) => {
          const active = item.href === activeHref;
          return (
            <li key={item.href} className="flex">
              <Link
                href={item.href}
                aria-current={active ? 'page' : undefined}
                className={cn(tabClasses, active ? activeClasses : inactiveClasses)}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
