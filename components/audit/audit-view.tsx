'use client';

// The organization's audit log (audit:view): filters, newest first, a
// readable sentence per event, more on demand, and the filtered log as CSV.
import { useId, useState, type FormEvent } from 'react';
import { Button, buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { ListIcon } from '@/components/ui/icons';
import { Input } from '@/components/ui/input';
import { PagedList, TableSkeleton } from '@/components/ui/paged-list';
import { Select } from '@/components/ui/select';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { formatDateTime } from '@/components/ui/time';
import { usePagedList } from '@/components/repos/queries';
import { validate } from '@/lib/http/client';
import { auditQuery } from '@/lib/audit/schema';
import { AUDIT_ACTIONS, describeAudit, type AuditEvent } from '@/lib/audit/sentences';

const KINDS = [...new Set(AUDIT_ACTIONS.map((a) => a.slice(0, a.indexOf('.'))))];

const KIND_LABELS: Record<string, string> = {
  user: 'Sign-ins and sign-ups',
  org: 'Organization',
  member: 'Members',
  invitation: 'Invitations',
  repo: 'Repositories',
  artifact: 'Files',
  package: 'Packages',
  token: 'Tokens',
  signed_url: 'Share links',
  signing_key: 'Signing key',
  entitlement: 'Entitlements',
};

const CREDENTIALS: Record<string, string> = {
  session: 'Browser session',
  pat: 'Personal access token',
  signed_url: 'Signed URL',
  entitlement: 'Entitlement token',
  anonymous: 'No credential',
  system: 'Tollgate',
};

type Filters = { actor: string; action: string; from: string; to: string };
const NONE: Filters = { actor: '', action: '', from: '', to: '' };

/** A datetime-local value (the browser's local time) as an ISO instant. */
const localToIso = (v: string) => (v ? new Date(v).toISOString() : '');

function queryOf(f: Filters): Record<string, string> {
  const q: Record<string, string> = {};
  if (f.actor.trim()) q.actor = f.actor.trim();
  if (f.action) q.action = f.action;
  if (f.from) q.from = localToIso(f.from);
  if (f.to) q.to = localToIso(f.to);
  return q;
}

export function AuditView({ orgSlug }: { orgSlug: string }) {
  const id = useId();
  const [draft, setDraft] = useState<Filters>(NONE);
  const [applied, setApplied] = useState<Filters>(NONE);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const base = `/api/v1/orgs/${encodeURIComponent(orgSlug)}/audit`;
  const extra = queryOf(applied);
  const events = usePagedList<AuditEvent>(['orgs', orgSlug, 'audit'], base, { extra, limit: 50 });
  const csvHref = `${base}?${new URLSearchParams({ ...extra, format: 'csv' })}`;
  const filtered = Object.keys(extra).length > 0;

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validate(auditQuery, queryOf(draft));
    if (checked.errors) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setApplied(draft);
  }

  const set = (k: keyof Filters) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));

  return (
    <div className="space-y-4">
      <form onSubmit={apply} noValidate className="grid gap-3 rounded-lg border border-border bg-surface p-4 shadow-xs sm:grid-cols-2 lg:grid-cols-5" aria-label="Filter the audit log">
        <Field htmlFor={`${id}-actor`} label="Actor" error={errors.actor}>
          <Input name="actor" value={draft.actor} onChange={set('actor')} placeholder="alice@example.com" autoComplete="off" />
        </Field>
        <Field htmlFor={`${id}-action`} label="Action" error={errors.action}>
          <Select name="action" value={draft.action} onChange={set('action')}>
            <option value="">Every action</option>
            {KINDS.map((kind) => (
              <optgroup key={kind} label={KIND_LABELS[kind] ?? kind}>
                <option value={kind}>All: {KIND_LABELS[kind] ?? kind}</option>
                {AUDIT_ACTIONS.filter((a) => a.startsWith(`${kind}.`)).map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
        </Field>
        <Field htmlFor={`${id}-from`} label="From" error={errors.from}>
          <Input name="from" type="datetime-local" value={draft.from} onChange={set('from')} />
        </Field>
        <Field htmlFor={`${id}-to`} label="To" error={errors.to}>
          <Input name="to" type="datetime-local" value={draft.to} onChange={set('to')} />
        </Field>
        <div className="flex items-end gap-2">
          <Button type="submit">Apply filters</Button>
          {filtered ? (
            <Button
              type="button"
              variant="ghost"
              onClick={() => {
                setDraft(NONE);
                setApplied(NONE);
                setErrors({});
              }}
            >
              Clear
            </Button>
          ) : null}
        </div>
      </form>
      <div className="flex justify-end">
        <a className={buttonClasses('secondary', 'sm')} href={csvHref} download>
          Export CSV
        </a>
      </div>
      <PagedList
        source={events}
        skeleton={<TableSkeleton label="Audit log" head={<Head />} cells={['h-4 w-32', 'h-4 w-72', 'h-4 w-24', 'h-4 w-28']} />}
        errorTitle="The audit log could not be loaded."
        empty={
          <EmptyState
            icon={<ListIcon />}
            title={filtered ? 'No events match these filters' : 'No events yet'}
            description={filtered ? 'Change or clear the filters to see more.' : 'Changes and sign-ins in this organization are listed here as they happen.'}
          />
        }
        moreLabel="Load more events"
      >
        {(rows) => (
          <Table aria-label="Audit log">
            <Head />
            <TBody>
              {rows.map((e) => (
                <TR key={e.id} data-action={e.action}>
                  <TD className="whitespace-nowrap text-fg-muted">
                    <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                  </TD>
                  <TD>
                    <span className="text-fg">{describeAudit(e)}</span>
                    <code className="mt-0.5 block font-mono text-xs text-fg-subtle">{e.action}</code>
                  </TD>
                  <TD className="font-mono text-[13px] text-fg-muted">{e.address || '—'}</TD>
                  <TD className="text-fg-muted">{CREDENTIALS[e.credential.type] ?? e.credential.type}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </PagedList>
      {Object.keys(errors).length ? <FormError>Fix the filters above to apply them.</FormError> : null}
    </div>
  );
}

function Head() {
  return (
    <THead>
      <TR>
        <TH>When</TH>
        <TH>Event</TH>
        <TH>Address</TH>
        <TH>Credential</TH>
      </TR>
    </THead>
  );
}
