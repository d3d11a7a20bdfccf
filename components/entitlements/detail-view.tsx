'use client';

// One entitlement: its use (a chart per day, distinct clients, the quota
// bars), the downloads log with its CSV export, restrictions, tags and
// metadata, and the actions: edit, disable/enable, refresh (a new one-time
// reveal), revoke (permanent) and delete.
import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { exactBytes, formatBytes } from '@/components/repos/format';
import { Badge } from '@/components/ui/badge';
import { Button, buttonClasses } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { AlertIcon, ListIcon } from '@/components/ui/icons';
import { LoadError, PagedList, StackSkeleton } from '@/components/ui/paged-list';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { formatDateTime, formatRelative, useNow } from '@/components/ui/time';
import { useToast } from '@/components/ui/toast';
import { apiFetch, errorMessage } from '@/lib/http/client';
import { LimitBar } from './limit-bar';
import { limitsOf, STATUS_LABEL, STATUS_VARIANT, warningBadge, type Entitlement } from './model';
import { downloadsCsvPath, entitlementKey, entitlementPath, entitlementsKey, useEntitlement, useEntitlementDownloads, useUsage } from './queries';
import { EntitlementReveal } from './reveal';
import type { CreatedEntitlement } from './types';
import { fillDays, isoDay, UsageChart } from './usage-chart';

const integer = new Intl.NumberFormat('en-US');
const DAYS = 30;

export type EntitlementDetailProps = { org: string; id: string; canEdit: boolean; publicUrl?: string };

export function EntitlementDetail({ org, id, canEdit, publicUrl }: EntitlementDetailProps) {
  const query = useEntitlement(org, id);
  if (query.isPending) {
    return (
      <div aria-busy="true" aria-label="Loading the entitlement" className="space-y-4">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-64 w-full" />
      </div>
    );
  }
  if (query.isError) return <LoadError title="The entitlement could not be loaded." error={query.error} onRetry={query.refetch} />;
  return <Loaded org={org} e={query.data} canEdit={canEdit} publicUrl={publicUrl} />;
}

type Ask = 'revoke' | 'delete' | 'refresh' | null;

function Loaded({ org, e, canEdit, publicUrl }: { org: string; e: Entitlement; canEdit: boolean; publicUrl?: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const { toast } = useToast();
  const now = useNow();
  const [ask, setAsk] = useState<Ask>(null);
  const [busy, setBusy] = useState(false);
  const [revealed, setRevealed] = useState<CreatedEntitlement | null>(null);
  const revoked = e.status === 'revoked';
  const warnings = e.warnings;
  const limits = limitsOf(e);

  const refreshData = () => queryClient.invalidateQueries({ queryKey: entitlementsKey(org) });

  async function setEnabled(enabled: boolean) {
    setBusy(true);
    try {
      await apiFetch(entitlementPath(org, e.id), { method: 'PATCH', body: { enabled } });
      await refreshData();
      toast({
        title: enabled ? 'Entitlement enabled' : 'Entitlement disabled',
        description: enabled ? `${e.name} downloads again.` : `Downloads with ${e.name} are refused (disabled) until you enable it.`,
        variant: 'success',
      });
    } catch (err) {
      toast({ title: 'The change failed', description: errorMessage(err), variant: 'danger' });
    } finally {
      setBusy(false);
    }
  }

  async function refreshSecret() {
    // Read directly: the secret never enters a query cache.
    const res = await apiFetch<CreatedEntitlement>(`${entitlementPath(org, e.id)}/refresh`, { method: 'POST' });
    setRevealed(res);
    await refreshData();
  }

  async function revoke() {
    await apiFetch(`${entitlementPath(org, e.id)}/revoke`, { method: 'POST' });
    await refreshData();
    toast({ title: 'Entitlement revoked', description: `${e.name} is refused for good.`, variant: 'success' });
  }

  async function remove() {
    await apiFetch(entitlementPath(org, e.id), { method: 'DELETE' });
    queryClient.removeQueries({ queryKey: entitlementKey(org, e.id) });
    void queryClient.invalidateQueries({ queryKey: entitlementsKey(org) });
    toast({ title: 'Entitlement deleted', description: `${e.name} no longer exists.`, variant: 'success' });
    router.push(`/${org}/entitlements`);
  }

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={`/${org}/entitlements`} className="text-brand-700 hover:underline">
          Entitlement tokens
        </Link>
      </nav>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-x-6 gap-y-3 border-b border-border pb-5">
        <div className="min-w-0">
          <h1 className="flex flex-wrap items-center gap-2 text-xl leading-7 font-semibold text-fg">
            {e.name}
            <Badge variant={STATUS_VARIANT[e.status]} data-status={e.status}>
              {STATUS_LABEL[e.status]}
            </Badge>
          </h1>
          <p className="mt-1 text-sm text-fg-muted">
            {e.customer ? <>For {e.customer} · </> : null}
            <span className="font-mono">
              {e.prefix}…{e.lastFour}
            </span>
            {e.description ? <> · {e.description}</> : null}
          </p>
          {warnings.length ? (
            <ul className="mt-2 flex flex-wrap gap-1.5" aria-label="Warnings">
              {warnings.map((w) => (
                <li key={`${w.code}-${w.limit ?? ''}`}>
                  <Badge variant={w.code === 'limit_reached' ? 'danger' : 'warning'} title={w.message} data-warning={w.code}>
                    <AlertIcon />
                    {warningBadge(w)}
                  </Badge>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        {canEdit ? (
          <div className="flex shrink-0 flex-wrap items-center gap-2">
            {!revoked ? (
              <>
                <Link href={`/${org}/entitlements/${encodeURIComponent(e.id)}/edit`} className={buttonClasses('secondary')}>
                  Edit
                </Link>
                <Button type="button" variant="secondary" loading={busy} onClick={() => void setEnabled(!e.enabled)}>
                  {e.enabled ? 'Disable' : 'Enable'}
                </Button>
                <Button type="button" variant="secondary" onClick={() => setAsk('refresh')}>
                  Refresh token
                </Button>
                <Button type="button" variant="danger" onClick={() => setAsk('revoke')}>
                  Revoke
                </Button>
              </>
            ) : null}
            <Button type="button" variant="ghost" className="text-danger-700! hover:bg-danger-50!" onClick={() => setAsk('delete')}>
              Delete
            </Button>
          </div>
        ) : null}
      </div>

      <div className="space-y-6">
        <Card>
          <CardHeader>
            <div>
              <CardTitle>Usage</CardTitle>
              <CardDescription>File downloads through this entitlement; index pages are not counted.</CardDescription>
            </div>
          </CardHeader>
          <CardContent className="space-y-5">
            <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
              <Stat label="Downloads" value={integer.format(e.usage.downloads)} />
              <Stat label="Bytes" value={formatBytes(e.usage.bytes)} title={exactBytes(e.usage.bytes)} />
              <Stat label="Distinct clients" value={integer.format(e.usage.clients)} />
              <Stat
                label="Last download"
                value={e.usage.lastDownloadAt ? (now === null ? e.usage.lastDownloadAt.slice(0, 10) : formatRelative(e.usage.lastDownloadAt, now)) : 'Never'}
                title={e.usage.lastDownloadAt && now !== null ? formatDateTime(e.usage.lastDownloadAt) : undefined}
              />
            </dl>
            {limits.length ? (
              <div className="grid gap-4 sm:grid-cols-3" aria-label="Quotas" role="group">
                {limits.map((l) => (
                  <LimitBar key={l.limit} limit={l} />
                ))}
              </div>
            ) : (
              <p className="text-sm text-fg-muted">No download, client or byte limit is set.</p>
            )}
            <UsagePanel org={org} id={e.id} now={now} />
          </CardContent>
        </Card>

        <DownloadsLog org={org} id={e.id} />

        <div className="grid gap-6 lg:grid-cols-2">
          <Card>
            <CardHeader>
              <CardTitle>Access and restrictions</CardTitle>
            </CardHeader>
            <CardContent>
              <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
                <Term label="Repositories">
                  <span className="font-mono">{e.repositories.join(', ')}</span>
                </Term>
                <Term label="Valid from">{e.validFrom ? <When at={e.validFrom} now={now} /> : 'Immediately'}</Term>
                <Term label="Valid until">{e.validUntil ? <When at={e.validUntil} now={now} /> : 'No end'}</Term>
                <Term label="Allowed networks">{e.allowedCidrs.length ? <Mono items={e.allowedCidrs} /> : 'Any address'}</Term>
                <Term label="Path patterns">{e.pathPatterns.length ? <Mono items={e.pathPatterns} /> : 'Every file'}</Term>
                <Term label="Created">
                  <When at={e.createdAt} now={now} />
                </Term>
              </dl>
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Tags and metadata</CardTitle>
            </CardHeader>
            <CardContent className="space-y-3">
              {e.tags.length ? (
                <ul className="flex flex-wrap gap-1.5" aria-label="Tags">
                  {e.tags.map((t) => (
                    <li key={t}>
                      <Link href={`/${org}/entitlements?tag=${encodeURIComponent(t)}`}>
                        <Badge variant="brand">{t}</Badge>
                      </Link>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-fg-muted">No tags.</p>
              )}
              {Object.keys(e.metadata ?? {}).length ? (
                <pre aria-label="Metadata" className="overflow-x-auto rounded-md border border-border bg-subtle p-3 font-mono text-[12.5px] leading-5 text-fg">
                  {JSON.stringify(e.metadata, null, 2)}
                </pre>
              ) : (
                <p className="text-sm text-fg-muted">No metadata.</p>
              )}
            </CardContent>
          </Card>
        </div>
      </div>

      <ConfirmDialog
        open={ask === 'refresh'}
        onOpenChange={(open) => setAsk(open ? 'refresh' : null)}
        title={`Refresh ${e.name}?`}
        body="A new secret replaces the current one, which stops working at once. Usage and limits are kept. The customer needs the new one."
        confirmLabel="Refresh token"
        onConfirm={refreshSecret}
      />
      <ConfirmDialog
        open={ask === 'revoke'}
        onOpenChange={(open) => setAsk(open ? 'revoke' : null)}
        title={`Revoke ${e.name}?`}
        body="Revoking is permanent: every download with it is refused from now on and it cannot be enabled again. Its usage stays visible."
        confirmLabel="Revoke permanently"
        variant="danger"
        onConfirm={revoke}
      />
      <ConfirmDialog
        open={ask === 'delete'}
        onOpenChange={(open) => setAsk(open ? 'delete' : null)}
        title={`Delete ${e.name}?`}
        body="The entitlement is deleted and its token stops working at once; its downloads stay in the repositories' logs. This cannot be undone."
        confirmLabel="Delete entitlement"
        variant="danger"
        onConfirm={remove}
      />
      <Dialog
        open={revealed !== null}
        onOpenChange={(open) => (open ? null : setRevealed(null))}
        title="The new token"
        description={`${e.name}: the old secret no longer works.`}
        size="lg"
        footer={
          <Button type="button" onClick={() => setRevealed(null)}>
            Done
          </Button>
        }
      >
        {revealed ? <EntitlementReveal org={org} created={revealed} publicUrl={publicUrl} /> : null}
      </Dialog>
    </>
  );
}

function UsagePanel({ org, id, now }: { org: string; id: string; now: number | null }) {
  // The period is fixed once the clock is known (not during server rendering).
  const to = now === null ? null : isoDay(now);
  const from = now === null ? null : isoDay(now - (DAYS - 1) * 86_400_000);
  return to && from ? <UsageSeries org={org} id={id} from={from} to={to} /> : <Skeleton className="h-64 w-full" />;
}

function UsageSeries({ org, id, from, to }: { org: string; id: string; from: string; to: string }) {
  const usage = useUsage(org, id, from, to);
  if (usage.isPending) return <Skeleton className="h-64 w-full" aria-label="Loading the usage chart" />;
  if (usage.isError) return <LoadError title="The usage could not be loaded." error={usage.error} onRetry={usage.refetch} />;
  return <UsageChart days={fillDays(usage.data, from, to)} label={`Downloads and bytes per day, ${from} to ${to}`} />;
}

function DownloadsLog({ org, id }: { org: string; id: string }) {
  const downloads = useEntitlementDownloads(org, id);
  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>Downloads</CardTitle>
          <CardDescription>Every file downloaded with this entitlement, newest first.</CardDescription>
        </div>
        <a href={downloadsCsvPath(org, id)} download className={buttonClasses('secondary', 'sm')}>
          Export CSV
        </a>
      </CardHeader>
      <CardContent>
        <PagedList
          source={downloads}
          skeleton={<StackSkeleton label="Loading downloads" className="h-10 w-full" />}
          errorTitle="The downloads could not be loaded."
          empty={<EmptyState icon={<ListIcon />} title="No downloads yet" description="Each download is listed here: when, which file, how many bytes, from which address and client." />}
          moreLabel="Load older downloads"
        >
          {(rows) => (
            <Table aria-label="Entitlement downloads" framed={false}>
              <THead>
                <TR>
                  <TH>When</TH>
                  <TH>Repository</TH>
                  <TH>File</TH>
                  <TH className="text-right">Bytes</TH>
                  <TH>Address</TH>
                  <TH>Client</TH>
                </TR>
              </THead>
              <TBody>
                {rows.map((d, i) => (
                  <TR key={`${d.at}-${i}`}>
                    <TD className="whitespace-nowrap text-fg-muted">
                      <time dateTime={d.at}>{formatDateTime(d.at)}</time>
                    </TD>
                    <TD className="font-mono text-[13px] whitespace-nowrap">{d.repository ?? <span className="text-fg-subtle">deleted</span>}</TD>
                    <TD className="max-w-xs font-mono text-[13px] break-all">{d.path}</TD>
                    <TD className="text-right whitespace-nowrap tabular-nums" title={exactBytes(d.bytes)}>
                      {formatBytes(d.bytes)}
                    </TD>
                    <TD className="font-mono text-[13px] text-fg-muted">{d.clientAddress}</TD>
                    <TD className="max-w-[14rem] truncate text-fg-muted" title={d.userAgent}>
                      {d.userAgent || '—'}
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </PagedList>
      </CardContent>
    </Card>
  );
}

function Stat({ label, value, title }: { label: string; value: string; title?: string }) {
  return (
    <div>
      <dt className="text-xs text-fg-muted">{label}</dt>
      <dd className="mt-0.5 text-lg font-semibold text-fg tabular-nums" title={title}>
        {value}
      </dd>
    </div>
  );
}

function Term({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-fg-muted">{label}</dt>
      <dd className="min-w-0 text-fg">{children}</dd>
    </>
  );
}

function Mono({ items }: { items: string[] }) {
  return (
    <ul className="font-mono text-[13px]">
      {items.map((i) => (
        <li key={i}>{i}</li>
      ))}
    </ul>
  );
}

function When({ at, now }: { at: string; now: number | null }) {
  return <time dateTime={at}>{now === null ? at.slice(0, 10) : `${formatDateTime(at)} (${formatRelative(at, now)})`}</time>;
}
