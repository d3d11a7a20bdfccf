import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { ICONS } from '@/components/shell/icon';
import { Wordmark } from '@/components/shell/wordmark';
import { UserMenuBar } from '@/components/shell/user-menu-bar';
import { currentActor } from '@/lib/auth/current';

export const metadata: Metadata = { icons: ICONS };

/** Signed-in pages outside any organization (creating one): a slim top bar, no org navigation. */
export default async function OrgsLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex h-14 items-center justify-between gap-4 border-b border-border bg-surface px-4 sm:px-6">
        <Link href="/" className="rounded-md">
          <Wordmark />
        </Link>
        {actor.user ? <UserMenuBar user={actor.user} /> : null}
      </header>
      <main id="main" className="flex-1 px-4 py-10 sm:px-6">
        {children}
      </main>
    </div>
  );
}
