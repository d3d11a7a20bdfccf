'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { PlusIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { Tabs } from '@/components/ui/tabs';
import type { TokenStatus } from './model';
import { useTokens } from './queries';
import { TokensTable } from './tokens-table';

export type TokensViewProps = {
  org: { slug: string; name: string };
  initialStatus: TokenStatus;
  /** PUBLIC_URL, for the commands shown after a reissue. */
  publicUrl?: string;
};

const TABS: { id: TokenStatus; label: string }[] = [
  { id: 'active', label: 'Active' },
  { id: 'expired', label: 'Expired' },
  { id: 'revoked', label: 'Revoked' },
];

/** The tokens page: your tokens for this organization, by status. */
export function TokensView({ org, initialStatus, publicUrl }: TokensViewProps) {
  const router = useRouter();
  const [status, setStatus] = useState<TokenStatus>(initialStatus);
  const newHref = `/${org.slug}/tokens/new`;
  const create = () => router.push(newHref);
  // With no active tokens the empty state offers "Create token": one such button, not two.
  const active = useTokens(org.slug, 'active');
  const emptyActive = status === 'active' && active.isSuccess && active.data.length === 0;

  function select(next: string) {
    const s = next as TokenStatus;
    setStatus(s);
    // Keep the tab in the address (shareable, survives a reload) without a navigation.
    const url = new URL(window.location.href);
    if (s === 'active') url.searchParams.delete('status');
    else url.searchParams.set('status', s);
    window.history.replaceState(window.history.state, '', url);
  }

  return (
    <>
      <PageHeader
        title="Personal access tokens"
        description={`Your tokens for ${org.name}: tools and CI jobs act as you, within what each one grants.`}
        actions={
          emptyActive ? null : (
          <Button type="button" onClick={create} onMouseEnter={() => router.prefetch(newHref)} onFocus={() => router.prefetch(newHref)}>
            <PlusIcon />
            Create token
          </Button>
          )
        }
      />
      <Tabs
        aria-label="Token status"
        value={status}
        onValueChange={select}
        items={TABS.map((t) => ({
          id: t.id,
          label: t.label,
          content: t.id === status ? <TokensTable org={org.slug} status={t.id} onCreate={create} publicUrl={publicUrl} /> : null,
        }))}
      />
    </>
  );
}
