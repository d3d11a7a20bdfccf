'use client';

// The repository's download log, newest first (repo.usage:view).
import { formatDateTime } from '@/components/ui/time';
import { EmptyState } from '@/components/ui/empty-state';
import { ListIcon } from '@/components/ui/icons';
import { PagedList, StackSkeleton } from '@/components/ui/paged-list';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { exactBytes, formatBytes } from './format';
import { useDownloads, type Download } from './package-queries';

const CREDENTIAL: Record<string, string> = {
  pat: 'Personal access token',
  entitlement: 'Entitlement token',
  session: 'Browser session',
  signed_url: 'Signed URL',
  anonymous: 'Anonymous',
};

function who(d: Download) {
  const kind = CREDENTIAL[d.credential.type] ?? d.credential.type;
  const label = d.credential.type === 'anonymous' || d.credential.type === 'session' || d.credential.type === 'signed_url' ? null : (d.credential.label ?? 'deleted');
  return (
    <>
      <span className="text-fg">{label ? `${kind} “${label}”` : kind}</span>
      {d.credential.user ? <span className="block text-xs text-fg-muted">{d.credential.user}</span> : null}
    </>
  );
}

export function DownloadsView({ orgSlug, repo }: { orgSlug: string; repo: string }) {
  const downloads = useDownloads(orgSlug, repo);
  return (
    <PagedList
      source={downloads}
      skeleton={<StackSkeleton label="Loading downloads" className="h-10 w-full" />}
      errorTitle="The downloads could not be loaded."
      empty={
        <EmptyState
          icon={<ListIcon />}
          title="No downloads yet"
          description="Every download of a file is listed here: when, by which credential, from which address. Index pages are not counted."
        />
      }
      moreLabel="Load older downloads"
    >
      {(rows) => (
        <Table aria-label="Recent downloads">
          <THead>
            <TR>
              <TH>When</TH>
              <TH>File</TH>
              <TH>Credential</TH>
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
                <TD className="max-w-xs font-mono text-[13px] break-all">{d.path}</TD>
                <TD>{who(d)}</TD>
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
  );
}
