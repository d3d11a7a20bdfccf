'use client';

import { useId } from 'react';
import { CopyButton } from '@/components/ui/copy-button';
import { sh } from '@/lib/formats/client-types';
import { FORMAT_CLIENTS, FORMAT_IDS, type FormatId } from '@/lib/formats/registry-client';
import { grantCapabilities, grantedRepos, type RepoSummary, type Token } from './model';
import { useFirstFile, useRepos } from './queries';

export type Snippet = { id: string; title: string; description: string; command: string };

const seg = (s: string) => encodeURIComponent(s);
const filePath = (path: string) => path.split('/').map(seg).join('/');

export type SnippetInput = {
  /** PUBLIC_URL or the page's origin, without a trailing slash. */
  base: string;
  org: string;
  secret: string;
  token: Pick<Token, 'type' | 'resources' | 'scopes' | 'repositories'>;
  /** The repositories the token reaches (grant order); empty when unknown. */
  repos: RepoSummary[];
  /** A file of the curl repository, when it has one. */
  file: string | null;
};

type RepoPick = { name: string | null; matches: boolean };

/** The repository each tool's example uses: one of its format if granted, else the first granted one. */
export function snippetRepos(repos: RepoSummary[]): Record<FormatId, RepoPick> {
  const pick = (format: string): RepoPick => {
    const exact = repos.find((r) => r.format === format);
    return { name: (exact ?? repos[0])?.name ?? null, matches: exact !== undefined };
  };
  return Object.fromEntries(FORMAT_IDS.map((id) => [id, pick(id)])) as Record<FormatId, RepoPick>;
}

/** Copy-paste commands with the real host, org, repository and secret. */
export function buildSnippets({ base, org, secret, token, repos, file }: SnippetInput): Snippet[] {
  const url = new URL(base);
  const prefix = url.pathname.replace(/\/+$/, '');
  const root = `${url.protocol}//${url.host}${prefix}`;
  const withBasic = `${url.protocol}//x:${secret}@${url.host}${prefix}`;
  const picks = snippetRepos(repos);
  const repo = (kind: FormatId) => (picks[kind].name ? seg(picks[kind].name) : '<repo>');
  // The example names a repository of another format when the token covers none of this one.
  const note = (format: (typeof FORMAT_CLIENTS)[number]) =>
    picks[format.id].name && !picks[format.id].matches ? ` The token covers no ${format.label} repository: ${picks[format.id].name} stands in.` : '';
  const o = seg(org);
  const rawFile = file ? filePath(file) : '<file>';
  const can = grantCapabilities(token);
  const out: Snippet[] = [];

  // Each format's commands (lib/formats/<format>/client.ts), downloads before uploads.
  for (const format of FORMAT_CLIENTS) {
    const commands = format.tokenSnippets({ root, withBasic, hostPath: `${url.host}${prefix}`, org: o, repo: repo(format.id), secret, note: note(format), file: rawFile });
    if (can.download) out.push(...commands.download);
    if (can.upload) out.push(...commands.upload);
  }
  if (!can.download && !can.upload) {
    out.push({
      id: 'api',
      title: 'Management API',
      description: 'Call the management API as yourself, within the token’s scopes.',
      command: `curl -fsS -H "Authorization: Bearer ${secret}" ${sh(`${root}/api/v1/orgs/${o}/repos`)}`,
    });
  }
  return out;
}

export type UsageSnippetsProps = {
  org: string;
  secret: string;
  token: Token;
  /** PUBLIC_URL from the server; the page's origin when absent. */
  publicUrl?: string;
};

/** "Use it": the commands for curl, pip, npm and conda, each with a copy button. */
export function UsageSnippets({ org, secret, token, publicUrl }: UsageSnippetsProps) {
  const headingId = useId();
  const repos = useRepos(org);
  const granted = grantedRepos(token, repos.data ?? []);
  const raw = snippetRepos(granted).raw;
  const firstFile = useFirstFile(org, raw.name, raw.matches && grantCapabilities(token).download);
  const base = (publicUrl || (typeof window === 'undefined' ? 'http://localhost' : window.location.origin)).replace(/\/+$/, '');
  const snippets = buildSnippets({ base, org, secret, token, repos: granted, file: firstFile.data ?? null });

  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <div>
        <h3 id={headingId} className="text-sm font-semibold text-fg">
          Use it
        </h3>
        <p className="mt-0.5 text-sm text-fg-muted">
          Commands for this organization{granted[0] ? <> and {granted[0].name}</> : null}, with the token filled in.
          {granted.length === 0 && !repos.isPending ? ' Replace <repo> with a repository the token covers.' : null}
        </p>
      </div>
      <ul className="space-y-3">
        {snippets.map((s) => (
          <li key={s.id} className="overflow-hidden rounded-md border border-border bg-subtle">
            <div className="flex items-center justify-between gap-3 border-b border-border px-3 py-1.5">
              <div className="min-w-0">
                <p className="text-xs font-semibold text-fg">{s.title}</p>
                <p className="text-xs text-fg-muted">{s.description}</p>
              </div>
              <CopyButton text={s.command} label={`Copy ${s.title} command`} iconOnly size="sm" variant="ghost" />
            </div>
            <pre
              className="bg-surface px-3 py-2.5 font-mono text-[12.5px] leading-5 whitespace-pre-wrap text-fg [overflow-wrap:anywhere]"
            >
              <code data-snippet={s.id}>{s.command}</code>
            </pre>
          </li>
        ))}
      </ul>
    </section>
  );
}

export { condaToken } from '@/lib/formats/conda/client';
