'use client';

// The entitlement list: search, tag and status filters (on the server), one
// row per entitlement with its customer, repositories, use, the limit closest
// to being reached and the expiry; badges for what people would miss.
import Link from 'next/link';
import { useDeferredValue, useId, useState } from 'react';
import { formatBytes } from '@/components/repos/format';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { AlertIcon, PlusIcon, ShieldIcon } from '@/components/ui/icons';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { PageHeader } from '@/components/ui/page-header';
import { listRows, PagedList, TableSkeleton } from '@/components/ui/paged-list';
import { Select } from '@/components/ui/select';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { formatDate, formatRelative, useNow } from '@/components/ui/time';
import { LimitBar } from './limit-bar';
import { nearestLimit, STATUS_LABEL, STATUS_VARIANT, warningBadge, type Entitlement, type EntitlementStatus } from './model';
import { useEntitlements } from './queries';

const STATUSES: EntitlementStatus[] = ['active', 'scheduled', 'disabled', 'expired', 'revoked'];
const integer = new Intl.NumberFormat('en-US');

export type EntitlementsViewProps = {
  org: { slug: string; name: string };
  canEdit: boolean;
  initial: { q: string; tag: string; status: EntitlementStatus | '' };
};

function Head() {
  return (
    <THead>
      <TR>
        <TH>Name</TH>
        <TH>Customer</TH>
        <TH>Repositories</TH>
        <TH>Usage</TH>
        <TH>Nearest limit</TH>
        <TH>Expires</TH>
      </TR>
    </THead>
  );
}

export function EntitlementsView({ org, canEdit, initial }: EntitlementsViewProps) {
  const id = useId();
  const now = useNow();
  const [q, setQ] = useState(initial.q);
  const [tag, setTag] = useState(initial.tag);
  const [status, setStatus] = useState<EntitlementStatus | ''>(initial.status);
  // Typing stays fluid; the query follows the deferred value.
  const filters = { q: useDeferredValue(q), tag: useDeferredValue(tag.trim()), status };
  const list = useEntitlements(org.slug, filters);
  const filtered = Boolean(filters.q.trim() || filters.tag || filters.status);
  const seenTags = [...new Set(listRows(list).flatMap((e) => e.tags))].sort();

  function keepInUrl(next: { q?: string; tag?: string; status?: string }) {
    const url = new URL(window.location.href);
    for (const [k, v] of Object.entries(next)) {
      if (v) url.searchParams.set(k, v);
      else url.searchParams.delete(k);
    }
    window.history.replaceState(window.history.state, '', url);
  }

  const newHref = `/${org.slug}/entitlements/new`;
  const createLink = canEdit ? (
    <Link href={newHref} className={buttonClasses('primary')}>
      <PlusIcon />
      Create entitlement
    </Link>
  ) : null;

  return (
    <>
      <PageHeader
        title="Entitlement tokens"
        description={`Read-only distribution keys of ${org.name} for your customers: restricted, counted, and yours to cut off.`}
        // With no entitlement at all the empty state offers "Create entitlement": one such link, not two.
        actions={list.isSuccess && !filtered && listRows(list).length === 0 ? null : createLink}
      />
      <div role="search" aria-label="Filter entitlements" className="mb-4 flex flex-wrap items-end gap-3">
        <div className="min-w-56 flex-1">
          <Label htmlFor={`${id}-q`} className="mb-1.5">
            Search
          </Label>
          <Input
            id={`${id}-q`}
            type="search"
            placeholder="Name, customer or description"
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              keepInUrl({ q: e.target.value });
            }}
          />
        </div>
        <div className="w-48">
          <Label htmlFor={`${id}-tag`} className="mb-1.5">
            Tag
          </Label>
          <Input
            id={`${id}-tag`}
            list={`${id}-tags`}
            placeholder="Any tag"
            value={tag}
            onChange={(e) => {
              setTag(e.target.value);
              keepInUrl({ tag: e.target.value.trim() });
            }}
          />
          <datalist id={`${id}-tags`}>
            {seenTags.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
        </div>
        <div className="w-40">
          <Label htmlFor={`${id}-status`} className="mb-1.5">
            Status
          </Label>
          <Select
            id={`${id}-status`}
            value={status}
            onChange={(e) => {
              const s = e.target.value as EntitlementStatus | '';
              setStatus(s);
              keepInUrl({ status: s });
            }}
          >
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <PagedList
        source={list}
        skeleton={<TableSkeleton label="Entitlements" head={<Head />} cells={['h-4 w-32', 'h-4 w-24', 'h-4 w-28', 'h-4 w-20', 'h-2 w-28', 'h-4 w-20']} />}
        errorTitle="The entitlements could not be loaded."
        empty={
          filtered ? (
            <EmptyState icon={<ShieldIcon />} title="No entitlement matches" description="Change the search, the tag or the status to see more." />
          ) : (
            <EmptyState
              icon={<ShieldIcon />}
              title="No entitlement tokens yet"
              description="An entitlement token gives one customer read-only access to distribution repositories, restricted by dates, downloads, clients, networks and paths, with every download recorded."
              action={createLink}
            />
          )
        }
        moreLabel="Load more entitlements"
      >
        {(rows) => (
          <Table aria-label="Entitlements">
            <Head />
            <TBody>
              {rows.map((e) => (
                <Row key={e.id} org={org.slug} e={e} now={now} />
              ))}
            </TBody>
          </Table>
        )}
      </PagedList>
    </>
  );
}

function Row({ org, e, now }: { org: string; e: Entitlement; now: number | null }) {
  const nameId = `ent-${e.id}-name`;
  const limit = nearestLimit(e);
  return (
    <TR data-entitlement={e.id}>
      <TD className="max-w-64">
        <Link id={nameId} href={`/${org}/entitlements/${encodeURIComponent(e.id)}`} className="font-medium text-brand-700 hover:underline">
          {e.name}
        </Link>
        <div className="mt-1 flex flex-wrap gap-1">
          <Badge variant={STATUS_VARIANT[e.status]}>{STATUS_LABEL[e.status]}</Badge>
          {e.warnings.map((w) => (
            <Badge key={`${w.code}-${w.limit ?? ''}`} variant={w.code === 'limit_reached' ? 'danger' : 'warning'} title={w.message} data-warning={w.code}>
              <AlertIcon />
              {warningBadge(w)}
            </Badge>
          ))}
          {e.tags.map((t) => (
            <Badge key={t} variant="brand">
              {t}
            </Badge>
          ))}
        </div>
      </TD>
      <TD className="max-w-48 truncate">{e.customer || <span className="text-fg-subtle">—</span>}</TD>
      <TD className="max-w-56">
        <span className="font-mono text-[13px] break-words">{e.repositories.join(', ')}</span>
      </TD>
      <TD className="text-xs whitespace-nowrap text-fg-muted tabular-nums">
        <span className="block text-sm text-fg">{integer.format(e.usage.downloads)} downloads</span>
        {formatBytes(e.usage.bytes)} · {integer.format(e.usage.clients)} {e.usage.clients === 1 ? 'client' : 'clients'}
      </TD>
      <TD className="w-44">{limit ? <LimitBar limit={limit} /> : <span className="text-xs text-fg-subtle">No limit</span>}</TD>
      <TD className="whitespace-nowrap">
        {e.validUntil ? (
          <time dateTime={e.validUntil} title={now === null ? undefined : formatDate(e.validUntil)}>
            {now === null ? e.validUntil.slice(0, 10) : formatRelative(e.validUntil, now)}
          </time>
        ) : (
          <span className="text-fg-subtle">Never</span>
        )}
      </TD>
    </TR>
  );
}
