'use client';

// The one-time reveal of an entitlement's secret (after create and refresh):
// the secret with a copy button, and the customer's "Set me up" commands with
// it filled in. It lives in component state only: leaving or reloading the
// page loses it for good, by design.
import { useQueries } from '@tanstack/react-query';
import { useId } from 'react';
import { repoPath } from '@/components/repos/queries';
import { CommandSnippet } from '@/components/repos/upload-help';
import { Field } from '@/components/ui/field';
import { AlertIcon } from '@/components/ui/icons';
import { SecretField } from '@/components/ui/secret-field';
import { formatClient } from '@/lib/formats/registry-client';
import { apiFetch } from '@/lib/http/client';
import type { Page } from '@/lib/http/pagination';
import { useDistributionRepos } from './queries';
import { entitlementSnippets, type Example, type SnippetRepo } from './snippets';
import type { CreatedEntitlement } from './types';

export type EntitlementRevealProps = {
  org: string;
  created: CreatedEntitlement;
  /** Unused: the repositories' own URLs (PUBLIC_URL) are printed. Kept for symmetry with the token reveal. */
  publicUrl?: string;
};

/** A real file and package of each repository, so the examples run as printed (none when the viewer may not list them). */
function useExamples(org: string, repos: SnippetRepo[]): Record<string, Example> {
  const results = useQueries({
    queries: repos.map((r) => ({
      queryKey: ['orgs', org, 'repos', r.name, 'example'],
      queryFn: async ({ signal }: { signal: AbortSignal }): Promise<Example> => {
        const first = async (what: string) =>
          apiFetch<Page<Record<string, unknown>>>(`${repoPath(org, r.name)}/${what}?limit=1`, { signal })
            .then((p) => p.items[0] ?? null)
            .catch(() => null);
        if (r.format === 'raw') {
          const f = await first('files');
          return { file: typeof f?.path === 'string' ? f.path : null };
        }
        const p = await first('packages');
        return { package: typeof p?.name === 'string' ? p.name : null };
      },
      staleTime: 60_000,
    })),
  });
  return Object.fromEntries(repos.map((r, i) => [r.name, results[i]?.data ?? {}]));
}

export function EntitlementReveal({ org, created }: EntitlementRevealProps) {
  const id = useId();
  const { entitlement, secret } = created;
  const repos = useDistributionRepos(org);
  const named: SnippetRepo[] = entitlement.repositories.flatMap((name) => {
    const r = repos.all.find((x) => x.name === name);
    return r ? [{ name: r.name, format: r.format, urls: r.urls }] : [];
  });
  const examples = useExamples(org, named);
  const snippets = entitlementSnippets(named, secret, examples);

  return (
    <div className="space-y-5">
      <p
        role="note"
        className="flex items-start gap-2 rounded-md border border-warning-200 bg-warning-50 px-3 py-2.5 text-sm text-warning-800"
      >
        <AlertIcon className="mt-0.5 text-warning-600" />
        <span>
          <strong className="font-semibold">Copy it now: it will not be shown again.</strong> Tollgate keeps only a hash of the
          token. If it is lost, refresh the entitlement: a new secret, the old one dead at once, the usage kept.
        </span>
      </p>
      <Field htmlFor={`${id}-secret`} label="Entitlement token" hint="Read-only: it downloads from the repositories below and nothing else.">
        {(control) => <SecretField {...control} value={secret} secretName="entitlement token" name="secret" data-autofocus="" />}
      </Field>

      <section aria-labelledby={`${id}-setup`} className="space-y-4">
        <div>
          <h3 id={`${id}-setup`} className="text-sm font-semibold text-fg">
            Set me up (for the customer)
          </h3>
          <p className="mt-0.5 text-sm text-fg-muted">Download and install commands with the token filled in. Send them with the token.</p>
        </div>
        {repos.isPending ? <p className="text-sm text-fg-muted">Loading the repositories…</p> : null}
        {named.map((r) => (
          <section key={r.name} aria-label={`Set me up: ${r.name}`} className="space-y-3">
            <h4 className="text-xs font-semibold tracking-wide text-fg-muted uppercase">
              <span className="font-mono normal-case">{r.name}</span> · {formatClient(r.format).label}
            </h4>
            {snippets
              .filter((s) => s.repo === r.name)
              .map((s) => (
                <div key={s.id} data-snippet={s.id} data-repo={r.name}>
                  <CommandSnippet title={s.title} command={s.text} />
                </div>
              ))}
          </section>
        ))}
      </section>
    </div>
  );
}
