'use client';

import { useId } from 'react';
import { CopyButton } from '@/components/ui/copy-button';
import { grantCapabilities, grantedRepos, type RepoSummary, type Token } from './model';
import { useFirstFile, useRepos } from './queries';

export type Snippet = { id: string; title: string; description: string; command: string };

const SAFE_SHELL = /^[A-Za-z0-9._~:/@%+=,-]+$/;
/** Quotes an argument for sh when it holds anything beyond URL-safe characters. */
const sh = (arg: string) => (SAFE_SHELL.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);
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
export function snippetRepos(repos: RepoSummary[]): Record<'raw' | 'pypi' | 'npm' | 'conda', RepoPick> {
  const pick = (format: string): RepoPick => {
    const exact = repos.find((r) => r.format === format);
    return { name: (exact ?? repos[0])?.name ?? null, matches: exact !== undefined };
  };
  return { raw: pick('raw'), pypi: pick('pypi'), npm: pick('npm'), conda: pick('conda') };
}

const KIND_NAMES = { raw: 'raw', pypi: 'PyPI', npm: 'npm', conda: 'conda' } as const;

/** Copy-paste commands with the real host, org, repository and secret. */
export function buildSnippets({ base, org, secret, token, repos, file }: SnippetInput): Snippet[] {
  const url = new URL(base);
  const prefix = url.pathname.replace(/\/+$/, '');
  const root = `${url.protocol}//${url.host}${prefix}`;
  const withBasic = `${url.protocol}//x:${secret}@${url.host}${prefix}`;
  const picks = snippetRepos(repos);
  const repo = (kind: keyof typeof picks) => (picks[kind].name ? seg(picks[kind].name) : '<repo>');
  // The example names a repository of another format when the token covers none of this one.
  const note = (kind: keyof typeof picks) =>
    picks[kind].name && !picks[kind].matches ? ` The token covers no ${KIND_NAMES[kind]} repository: ${picks[kind].name} stands in.` : '';
  const o = seg(org);
  const rawFile = file ? filePath(file) : '<file>';
  const can = grantCapabilities(token);
  const out: Snippet[] = [];

  if (can.download) {
    out.push(
      {
        id: 'curl',
        title: 'curl',
        description: `Download a file with the token in an Authorization header.${note('raw')}`,
        command: `curl -fLO -H "Authorization: Bearer ${secret}" ${sh(`${root}/raw/${o}/${repo('raw')}/${rawFile}`)}`,
      },
      {
        id: 'curl-path',
        title: 'curl (token in the URL)',
        description: 'The same download with the token in the path, for tools that only take a URL.',
        command: `curl -fLO ${sh(`${root}/t/${secret}/raw/${o}/${repo('raw')}/${rawFile}`)}`,
      },
    );
  }
  if (can.upload) {
    out.push({
      id: 'curl-upload',
      title: 'curl (upload)',
      description: `Upload a file to a raw repository.${note('raw')}`,
      command: `curl -fT ./<file> -H "Authorization: Bearer ${secret}" ${sh(`${root}/raw/${o}/${repo('raw')}/`)}<file>`,
    });
  }
  if (can.download) {
    out.push(
      {
        id: 'pip',
        title: 'pip',
        description: `Install from a PyPI repository.${note('pypi')}`,
        command: `pip install --index-url ${sh(`${withBasic}/pypi/${o}/${repo('pypi')}/simple/`)} <package>`,
      },
      {
        id: 'npm',
        title: 'npm',
        description: `Authenticate npm against an npm repository.${note('npm')}`,
        command: `npm config set ${sh(`//${url.host}${prefix}/npm/${o}/${repo('npm')}/:_authToken`)} ${secret}`,
      },
      {
        id: 'conda',
        title: 'conda',
        description: `Add a conda repository as a channel (conda keeps only letters, digits and "-" of a path token, so the token is written with "-" for its "_").${note('conda')}`,
        command: `conda config --add channels ${sh(`${root}/t/${condaToken(secret)}/conda/${o}/${repo('conda')}`)}`,
      },
    );
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

/** A token as a conda channel URL must carry it: `tgp-…` for `tgp_…` (the server accepts both). */
export const condaToken = (secret: string) => secret.replace(/^(tg[pe])_/, '$1-');
