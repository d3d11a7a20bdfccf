'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { buttonClasses } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { ListIcon, XIcon } from '@/components/ui/icons';
import { Wordmark } from './wordmark';

export type ConsoleShellProps = {
  /** Org switcher, navigation: the top of the sidebar. */
  sidebar: ReactNode;
  /** The signed-in user's panel: the bottom of the sidebar. */
  footer: ReactNode;
  children: ReactNode;
};

/**
 * The console frame: a sidebar (static from md up; a drawer on narrow
 * screens, opened from the top bar) and the main column.
 */
export function ConsoleShell({ sidebar, footer, children }: ConsoleShellProps) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const openButton = useRef<HTMLButtonElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);

  const [shownPath, setShownPath] = useState(pathname);
  // Close the drawer after navigating (adjusting state during render, no effect).
  if (pathname !== shownPath) {
    setShownPath(pathname);
    setOpen(false);
  }

  // The drawer takes focus when it opens; closing it by hand gives focus back.
  useEffect(() => {
    if (open) closeButton.current?.focus();
  }, [open]);

  function closeDrawer() {
    setOpen(false);
    openButton.current?.focus();
  }

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') closeDrawer();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <div className="min-h-dvh md:grid md:grid-cols-[16rem_minmax(0,1fr)]">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-surface px-3 py-2 text-sm font-medium shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>

      <header className="sticky top-0 z-30 flex h-14 items-center gap-3 border-b border-border bg-surface px-4 md:hidden">
        <button
          ref={openButton}
          type="button"
          aria-label="Open navigation"
          aria-expanded={open}
          aria-controls="console-sidebar"
          onClick={() => setOpen(true)}
          className={buttonClasses('ghost', 'sm', 'w-8 px-0')}
        >
          <ListIcon />
        </button>
        <Link href="/" className="rounded-md">
          <Wordmark />
        </Link>
      </header>

      {open ? (
        <div aria-hidden="true" className="fixed inset-0 z-40 bg-fg/30 md:hidden" onClick={closeDrawer} />
      ) : null}

      <aside
        id="console-sidebar"
        aria-label="Sidebar"
        className={cn(
          'fixed inset-y-0 left-0 z-50 flex w-64 flex-col border-r border-border bg-surface transition-transform',
          'md:sticky md:top-0 md:z-auto md:h-dvh md:translate-x-0',
          open ? 'translate-x-0 shadow-xl' : 'max-md:invisible max-md:-translate-x-full',
        )}
      >
        <div className="flex h-14 shrink-0 items-center justify-between px-4">
          <Link href="/" className="rounded-md">
            <Wordmark />
          </Link>
          <button
            ref={closeButton}
            type="button"
            aria-label="Close navigation"
            onClick={closeDrawer}
            className={buttonClasses('ghost', 'sm', 'w-7 px-0 md:hidden')}
          >
            <XIcon />
          </button>
        </div>
        <div className="flex min-h-0 flex-1 flex-col gap-4 overflow-y-auto pb-4">{sidebar}</div>
        <div className="shrink-0 border-t border-border p-3">{footer}</div>
      </aside>

      <main id="main" tabIndex={-1} className="min-w-0 outline-none">
        <div className="mx-auto w-full max-w-5xl px-4 py-6 sm:px-6 md:px-8 md:py-8">{children}</div>
      </main>
    </div>
  );
}
