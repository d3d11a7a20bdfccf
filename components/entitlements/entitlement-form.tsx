'use client';

// Create or edit an entitlement: every field and restriction with a one-line
// explanation; CIDRs and path patterns are checked as you type, and the API's
// field details land next to their fields. Creating ends in the one-time
// reveal (the secret is kept in this component's state only).
import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useState, type ReactNode } from 'react';
import { Button, buttonClasses } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { cn } from '@/components/ui/cn';
import { EmptyState } from '@/components/ui/empty-state';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { PackageIcon } from '@/components/ui/icons';
import { Input } from '@/components/ui/input';
import { LoadError, StackSkeleton } from '@/components/ui/paged-list';
import { Select } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import { useToast } from '@/components/ui/toast';
import { NAVIGATING, useForm, type Checked, type FieldErrors } from '@/components/ui/use-form';
import { formatClient } from '@/lib/formats/registry-client';
import { createEntitlementInput, METADATA_MAX_BYTES, updateEntitlementInput } from '@/lib/entitlements/schema';
import { apiFetch, validate } from '@/lib/http/client';
import { cidrProblem, firstLineProblem, globProblem, lines, parseTags, type Entitlement } from './model';
import { entitlementPath, entitlementsKey, entitlementsPath, useDistributionRepos } from './queries';
import { EntitlementReveal } from './reveal';
import type { CreatedEntitlement } from './types';

const UNITS = { MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4 } as const;
type Unit = keyof typeof UNITS;

export type FormValues = {
  name: string;
  customer: string;
  description: string;
  repositories: string[];
  tags: string;
  metadata: string;
  token: string;
  validFrom: string;
  validUntil: string;
  maxDownloads: string;
  maxClients: string;
  maxBytes: string;
  bytesUnit: Unit;
  allowedCidrs: string;
  pathPatterns: string;
};

const BLANK: FormValues = {
  name: '',
  customer: '',
  description: '',
  repositories: [],
  tags: '',
  metadata: '',
  token: '',
  validFrom: '',
  validUntil: '',
  maxDownloads: '',
  maxClients: '',
  maxBytes: '',
  bytesUnit: 'GiB',
  allowedCidrs: '',
  pathPatterns: '',
};

/** An ISO instant as a datetime-local value in the viewer's time zone ("2026-12-02T14:30"). */
function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function bytesInput(bytes: number | null): { maxBytes: string; bytesUnit: Unit } {
  if (bytes === null) return { maxBytes: '', bytesUnit: 'GiB' };
  for (const unit of ['TiB', 'GiB', 'MiB'] as const) {
    const v = bytes / UNITS[unit];
    if (v >= 1 && Number.isInteger(Math.round(v * 1000) / 1000)) return { maxBytes: String(Math.round(v * 1000) / 1000), bytesUnit: unit };
  }
  return { maxBytes: String(Math.round((bytes / UNITS.MiB) * 1000) / 1000), bytesUnit: 'MiB' };
}

export function valuesOf(e: Entitlement): FormValues {
  return {
    name: e.name,
    customer: e.customer,
    description: e.description,
    repositories: [...e.repositories],
    tags: e.tags.join(', '),
    metadata: Object.keys(e.metadata ?? {}).length ? JSON.stringify(e.metadata, null, 2) : '',
    token: '',
    validFrom: toLocalInput(e.validFrom),
    validUntil: toLocalInput(e.validUntil),
    maxDownloads: e.maxDownloads === null ? '' : String(e.maxDownloads),
    maxClients: e.maxClients === null ? '' : String(e.maxClients),
    ...bytesInput(e.maxBytes),
    allowedCidrs: e.allowedCidrs.join('\n'),
    pathPatterns: e.pathPatterns.join('\n'),
  };
}

type Body = Record<string, unknown>;

/** The live checks (CIDRs, globs), shown while typing. */
function liveErrors(v: FormValues): FieldErrors {
  const out: FieldErrors = {};
  const cidr = firstLineProblem(v.allowedCidrs, cidrProblem);
  if (cidr) out.allowedCidrs = cidr;
  const glob = firstLineProblem(v.pathPatterns, globProblem);
  if (glob) out.pathPatterns = glob;
  return out;
}

const positiveInt = (s: string) => /^\d+$/.test(s.trim()) && Number(s) >= 1 && Number.isSafeInteger(Number(s));

/** Every field checked; the body the API takes (create: all set fields; edit: the whole editable set). */
function toBody(v: FormValues, mode: 'create' | 'edit'): Checked<Body> {
  const errors: FieldErrors = { ...liveErrors(v) };
  const body: Body = {};
  const name = v.name.trim();
  if (!name) errors.name = 'Enter a name.';
  else if (name.length > 100) errors.name = 'At most 100 characters.';
  body.name = name;
  body.customer = v.customer.trim();
  body.description = v.description.trim();
  if (!v.repositories.length) errors.repositories = 'Choose at least one distribution repository.';
  body.repositories = v.repositories;
  body.tags = parseTags(v.tags);
  if (v.metadata.trim()) {
    try {
      const parsed: unknown = JSON.parse(v.metadata);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) errors.metadata = 'Metadata is a JSON object: {"key": "value"}.';
      else if (new TextEncoder().encode(JSON.stringify(parsed)).length > METADATA_MAX_BYTES) errors.metadata = 'Metadata holds at most 16 KiB of JSON.';
      else body.metadata = parsed;
    } catch (err) {
      errors.metadata = `Not valid JSON: ${err instanceof Error ? err.message : 'parse error'}.`;
    }
  } else body.metadata = {};
  if (mode === 'create' && v.token.trim()) body.token = v.token.trim();
  const date = (key: 'validFrom' | 'validUntil') => {
    if (!v[key]) return null;
    const t = new Date(v[key]);
    if (Number.isNaN(t.getTime())) {
      errors[key] = 'Enter a date and time.';
      return null;
    }
    return t.toISOString();
  };
  body.validFrom = date('validFrom');
  body.validUntil = date('validUntil');
  if (body.validFrom && body.validUntil && String(body.validUntil) <= String(body.validFrom)) errors.validUntil = 'Ends after it starts.';
  for (const key of ['maxDownloads', 'maxClients'] as const) {
    const s = v[key].trim();
    if (!s) body[key] = null;
    else if (!positiveInt(s)) errors[key] = 'A whole number of at least 1, or empty for no limit.';
    else body[key] = Number(s);
  }
  const b = v.maxBytes.trim();
  if (!b) body.maxBytes = null;
  else if (!/^\d+(\.\d+)?$/.test(b) || Number(b) <= 0) errors.maxBytes = 'A positive number, or empty for no limit.';
  else body.maxBytes = Math.round(Number(b) * UNITS[v.bytesUnit]);
  body.allowedCidrs = lines(v.allowedCidrs);
  body.pathPatterns = lines(v.pathPatterns);
  if (mode === 'create') {
    // Unset restrictions are left out of a creation.
    for (const k of ['validFrom', 'validUntil', 'maxDownloads', 'maxClients', 'maxBytes'] as const) if (body[k] === null) delete body[k];
  }
  // Then the API's own schema, for everything the form's checks above do not say.
  for (const k of Object.keys(errors)) delete body[k];
  const checked = validate(mode === 'create' ? createEntitlementInput : updateEntitlementInput, body);
  const schemaErrors = checked.errors ? formFieldErrors(checked.errors) : {};
  const all = { ...schemaErrors, ...errors };
  // The API's parse trims and normalises; the body sent is the form's, which the API parses the same way.
  return Object.keys(all).length ? { data: null, errors: all } : { data: body, errors: null };
}

/** The API's detail paths ("allowedCidrs.2", "repositories.0") as the form's fields, with the line named. */
export function formFieldErrors(raw: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, message] of Object.entries(raw)) {
    const [head, index] = path.split('.');
    const key = head === '(root)' || !head ? 'form' : head === 'enabled' ? 'form' : head;
    const text = (key === 'allowedCidrs' || key === 'pathPatterns') && index !== undefined && /^\d+$/.test(index) ? `Line ${Number(index) + 1}: ${message}` : message;
    if (!Object.hasOwn(out, key)) out[key] = text;
  }
  return out;
}

export type EntitlementFormProps = {
  org: string;
  mode: 'create' | 'edit';
  /** The entitlement edited (edit mode). */
  entitlement?: Entitlement;
  publicUrl?: string;
};

export function EntitlementForm({ org, mode, entitlement, publicUrl }: EntitlementFormProps) {
  const id = useId();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { toast } = useToast();
  const repos = useDistributionRepos(org);
  const [v, setV] = useState<FormValues>(() => (entitlement ? valuesOf(entitlement) : BLANK));
  const [touched, setTouched] = useState<Partial<Record<keyof FormValues, boolean>>>({});
  const [created, setCreated] = useState<CreatedEntitlement | null>(null);
  const { formRef, bannerRef, errors, setErrors, formError, pending, onSubmit } = useForm({ focusBanner: true });

  const live = liveErrors(v);
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => {
    setV((old) => ({ ...old, [key]: value }));
    setTouched((t) => ({ ...t, [key]: true }));
    // A field's submitted error goes when it is edited; the live checks take over.
    if (errors[key]) setErrors(({ [key]: _gone, ...rest }) => rest);
  };
  /** The error shown next to a field: the submit's, else the live check's once typed in. */
  const err = (key: keyof FormValues) => errors[key] ?? (touched[key] ? live[key] : undefined);

  const submit = onSubmit({
    check: () => toBody(v, mode),
    send: async (body) => {
      if (mode === 'create') {
        const res = await apiFetch<CreatedEntitlement>(entitlementsPath(org), { method: 'POST', body });
        void queryClient.invalidateQueries({ queryKey: entitlementsKey(org) });
        setCreated(res);
        window.scrollTo({ top: 0 });
        return;
      }
      if (!entitlement) return;
      await apiFetch<Entitlement>(entitlementPath(org, entitlement.id), { method: 'PATCH', body });
      await queryClient.invalidateQueries({ queryKey: entitlementsKey(org) });
      toast({ title: 'Entitlement saved', description: `Changes to ${String(body.name)} are in force now.`, variant: 'success' });
      router.push(`/${org}/entitlements/${encodeURIComponent(entitlement.id)}`);
      return NAVIGATING;
    },
    fieldKeys: formFieldErrors,
  });

  if (created) {
    return (
      <Card>
        <CardHeader>
          <div>
            <CardTitle>Entitlement created</CardTitle>
            <CardDescription>
              {created.entitlement.name}
              {created.entitlement.customer ? ` for ${created.entitlement.customer}` : ''}: hand the token to the customer.
            </CardDescription>
          </div>
          <Link href={`/${org}/entitlements/${encodeURIComponent(created.entitlement.id)}`} className={buttonClasses('secondary')}>
            Done, open the entitlement
          </Link>
        </CardHeader>
        <CardContent>
          <EntitlementReveal org={org} created={created} publicUrl={publicUrl} />
        </CardContent>
      </Card>
    );
  }

  const others = repos.all.filter((r) => r.visibility !== 'distribution');
  const picked = new Set(v.repositories);
  // Names kept from the entitlement that the picker no longer lists (renamed, made private…).
  const unknown = v.repositories.filter((n) => !repos.distribution.some((r) => r.name === n));

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-6" aria-label={mode === 'create' ? 'Create entitlement' : 'Edit entitlement'}>
      <div ref={bannerRef} tabIndex={-1} className="outline-none">
        {formError || errors.form ? (
          <FormError title={mode === 'create' ? 'The entitlement could not be created.' : 'The changes could not be saved.'}>
            {formError ?? errors.form}
          </FormError>
        ) : null}
      </div>

      <Section title="Customer" description="Who the token is for. Search finds name, customer and description.">
        <Field htmlFor={`${id}-name`} label="Name" required error={err('name')} hint="What you call this key, e.g. “Acme Corp production”.">
          <Input name="name" value={v.name} maxLength={100} onChange={(e) => set('name', e.target.value)} required autoComplete="off" data-autofocus="" />
        </Field>
        <Field htmlFor={`${id}-customer`} label="Customer" error={err('customer')} hint="The customer it is handed to (free text: a company, a contract number).">
          <Input name="customer" value={v.customer} maxLength={200} onChange={(e) => set('customer', e.target.value)} autoComplete="off" />
        </Field>
        <Field htmlFor={`${id}-description`} label="Description" error={err('description')} hint="Notes for your team; the customer never sees them.">
          <Textarea name="description" rows={2} value={v.description} maxLength={1000} onChange={(e) => set('description', e.target.value)} />
        </Field>
      </Section>

      <Section title="Repositories" description="What the token may download. Entitlement tokens are read-only and reach distribution repositories only.">
        <fieldset aria-describedby={`${id}-repos-hint ${id}-repos-error`}>
          <legend className="mb-1.5 text-sm font-medium text-fg">
            Distribution repositories<span aria-hidden="true" className="ml-0.5 text-danger-600">*</span>
          </legend>
          {repos.isPending ? (
            <StackSkeleton label="Loading repositories" className="h-6 w-64" rows={2} />
          ) : repos.isError ? (
            <LoadError title="The repositories could not be loaded." error={repos.error} onRetry={repos.refetch} />
          ) : repos.distribution.length === 0 && unknown.length === 0 ? (
            <EmptyState
              icon={<PackageIcon />}
              title="No distribution repository yet"
              description="Entitlements open distribution repositories only. Create one, or switch a repository's visibility to distribution in its settings."
              action={
                <Link href={`/${org}/repositories`} className={buttonClasses('secondary', 'sm')}>
                  Repositories
                </Link>
              }
            />
          ) : (
            <ul className="grid gap-2 sm:grid-cols-2">
              {repos.distribution.map((r) => (
                <li key={r.id} className="rounded-md border border-border px-3 py-2">
                  <Checkbox
                    name="repositories"
                    value={r.name}
                    checked={picked.has(r.name)}
                    aria-invalid={err('repositories') ? true : undefined}
                    onChange={(e) => set('repositories', e.target.checked ? [...v.repositories, r.name] : v.repositories.filter((n) => n !== r.name))}
                    label={<span className="font-mono">{r.name}</span>}
                    description={`${formatClient(r.format).label} · ${formatClient(r.format).tools}${r.description ? ` · ${r.description}` : ''}`}
                  />
                </li>
              ))}
              {unknown.map((n) => (
                <li key={n} className="rounded-md border border-warning-200 bg-warning-50 px-3 py-2">
                  <Checkbox
                    name="repositories"
                    value={n}
                    checked
                    onChange={() => set('repositories', v.repositories.filter((x) => x !== n))}
                    label={<span className="font-mono">{n}</span>}
                    description="No longer a distribution repository you can see: untick to remove it."
                  />
                </li>
              ))}
            </ul>
          )}
          <div id={`${id}-repos-error`} aria-live="polite">
            {err('repositories') ? <p className="mt-1.5 text-xs font-medium text-danger-700">{err('repositories')}</p> : null}
          </div>
          <p id={`${id}-repos-hint`} className="mt-1.5 text-xs text-fg-muted">
            One token may name several repositories.
            {others.length ? ` ${others.length} private or public ${others.length === 1 ? 'repository is' : 'repositories are'} not listed: entitlements never open them.` : ''}
          </p>
        </fieldset>
      </Section>

      <Section title="Validity and limits" description="Leave a field empty for no restriction. A refused download is not counted.">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field htmlFor={`${id}-validFrom`} label="Valid from" error={err('validFrom')} hint="Downloads before this moment are refused (not_yet_valid).">
            <Input type="datetime-local" name="validFrom" value={v.validFrom} onChange={(e) => set('validFrom', e.target.value)} />
          </Field>
          <Field htmlFor={`${id}-validUntil`} label="Valid until" error={err('validUntil')} hint="From this moment the token is expired; it is badged 7 days before.">
            <Input type="datetime-local" name="validUntil" value={v.validUntil} onChange={(e) => set('validUntil', e.target.value)} />
          </Field>
          <Field htmlFor={`${id}-maxDownloads`} label="Max downloads" error={err('maxDownloads')} hint="File downloads in total; index pages are not counted.">
            <Input type="number" inputMode="numeric" min={1} step={1} name="maxDownloads" value={v.maxDownloads} onChange={(e) => set('maxDownloads', e.target.value)} />
          </Field>
          <Field htmlFor={`${id}-maxClients`} label="Max distinct clients" error={err('maxClients')} hint="Distinct source addresses that may download with it.">
            <Input type="number" inputMode="numeric" min={1} step={1} name="maxClients" value={v.maxClients} onChange={(e) => set('maxClients', e.target.value)} />
          </Field>
          <Field htmlFor={`${id}-maxBytes`} label="Max bytes" error={err('maxBytes')} hint="A download that would pass this budget is refused whole.">
            {(control) => (
              <div className="flex gap-2">
                <Input {...control} type="number" inputMode="decimal" min={0} step="any" name="maxBytes" value={v.maxBytes} onChange={(e) => set('maxBytes', e.target.value)} />
                <Select aria-label="Unit of max bytes" wrapperClassName="w-24" value={v.bytesUnit} onChange={(e) => set('bytesUnit', e.target.value as Unit)}>
                  {Object.keys(UNITS).map((u) => (
                    <option key={u} value={u}>
                      {u}
                    </option>
                  ))}
                </Select>
              </div>
            )}
          </Field>
        </div>
      </Section>

      <Section title="Networks and paths" description="Checked on every download, after the dates and before the limits.">
        <Field
          htmlFor={`${id}-allowedCidrs`}
          label="Allowed networks"
          error={err('allowedCidrs')}
          hint="One IPv4 or IPv6 range a line (203.0.113.0/24, 2001:db8::/32, ::1). Empty: any address."
        >
          <Textarea
            name="allowedCidrs"
            rows={3}
            className="font-mono text-[13px]"
            spellCheck={false}
            value={v.allowedCidrs}
            onChange={(e) => set('allowedCidrs', e.target.value)}
          />
        </Field>
        <Field
          htmlFor={`${id}-pathPatterns`}
          label="Path patterns"
          error={err('pathPatterns')}
          hint="One glob a line over the file path, package or package@version (releases/**, acme-sdk, acme-sdk@2.*). Empty: everything."
        >
          <Textarea
            name="pathPatterns"
            rows={3}
            className="font-mono text-[13px]"
            spellCheck={false}
            value={v.pathPatterns}
            onChange={(e) => set('pathPatterns', e.target.value)}
          />
        </Field>
      </Section>

      <Section title="Tags and metadata" description="For your own bookkeeping: tags filter the list, metadata travels with the entitlement in the API.">
        <Field htmlFor={`${id}-tags`} label="Tags" error={err('tags')} hint="Separated by commas, e.g. “enterprise, eu west”; at most 20.">
          <Input name="tags" value={v.tags} onChange={(e) => set('tags', e.target.value)} autoComplete="off" />
        </Field>
        <Field htmlFor={`${id}-metadata`} label="Metadata" error={err('metadata')} hint={'A JSON object of at most 16 KiB, e.g. {"crm": "ACME-42"}.'}>
          <Textarea
            name="metadata"
            rows={4}
            className="font-mono text-[13px]"
            spellCheck={false}
            placeholder="{}"
            value={v.metadata}
            onChange={(e) => set('metadata', e.target.value)}
          />
        </Field>
      </Section>

      {mode === 'create' ? (
        <Section title="Token string" description="Tollgate makes a random secret (tge_…) unless you bring your own.">
          <Field
            htmlFor={`${id}-token`}
            label="Custom token string"
            error={err('token')}
            hint="Optional: 24 to 128 letters, digits, “.”, “_” and “-”, unique across every organization, not starting with tge_ or tgp_. It cannot be changed later."
          >
            <Input name="token" value={v.token} onChange={(e) => set('token', e.target.value)} autoComplete="off" spellCheck={false} className="font-mono" />
          </Field>
        </Section>
      ) : null}

      <div className="flex justify-end gap-2">
        <Link href={entitlement ? `/${org}/entitlements/${encodeURIComponent(entitlement.id)}` : `/${org}/entitlements`} className={buttonClasses('secondary')}>
          Cancel
        </Link>
        <Button type="submit" loading={pending}>
          {mode === 'create' ? 'Create entitlement' : 'Save changes'}
        </Button>
      </div>
    </form>
  );
}

function Section({ title, description, children, className }: { title: string; description: string; children: ReactNode; className?: string }) {
  const id = useId();
  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle as="h2" id={id}>
            {title}
          </CardTitle>
          <CardDescription>{description}</CardDescription>
        </div>
      </CardHeader>
      <CardContent className={cn('space-y-4', className)}>{children}</CardContent>
    </Card>
  );
}
