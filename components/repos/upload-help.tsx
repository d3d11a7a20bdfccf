import Link from 'next/link';
import type { ReactNode } from 'react';
import { CopyButton } from '@/components/ui/copy-button';

export type UploadHelpProps = {
  orgSlug: string;
  format: string;
  urls: Record<string, string>;
  /** Show how to upload (artifact:create). */
  upload?: boolean;
  /** Show how to download / install (artifact:download). */
  download?: boolean;
};

const TOKEN = '<token>';

/** `https://host/conda/acme/main` → `https://host/t/<token>/conda/acme/main` (conda-style channel URL). */
function tokenInPath(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}/t/${TOKEN}${u.pathname}`;
  } catch {
    return url;
  }
}

/** `https://host/pypi/acme/libs/simple/` → `https://x:<token>@host/pypi/acme/libs/simple/` (pip's Basic auth). */
function tokenAsPassword(url: string): string {
  return url.replace(/^(https?:\/\/)/, `$1x:${TOKEN}@`);
}

/** `https://host/npm/acme/js/` → `//host/npm/acme/js/` (npm's per-registry auth key). */
const npmAuthKey = (url: string) => url.replace(/^https?:/, '');

/** A command to copy; `download` ones read, the others upload. */
type Snippet = { title: string; command: string; kind?: 'download' };

function snippets(format: string, urls: Record<string, string>): Snippet[] {
  switch (format) {
    case 'pypi':
      return [
        { title: 'Upload with twine', command: `twine upload --repository-url ${urls.upload ?? ''} -u token -p ${TOKEN} dist/*` },
        { kind: 'download', title: 'Install with pip', command: `pip install --index-url ${tokenAsPassword(urls.index ?? '')} <package>` },
      ];
    case 'npm': {
      const registry = urls.registry ?? '';
      const login: Snippet = { title: 'Authenticate npm', command: `npm config set ${npmAuthKey(registry)}:_authToken ${TOKEN}` };
      return [
        login,
        { title: 'Publish', command: `npm publish --registry ${registry}` },
        { ...login, kind: 'download' },
        { kind: 'download', title: 'Install', command: `npm install --registry ${registry} <package>` },
      ];
    }
    case 'conda': {
      const channel = (urls.channel ?? '').replace(/\/$/, '');
      return [
        {
          title: 'Upload with curl (into a platform subdirectory)',
          command: `curl -X PUT --data-binary @pkg-1.0-0.conda -H "Authorization: Bearer ${TOKEN}" ${channel}/linux-64/pkg-1.0-0.conda`,
        },
        { kind: 'download', title: 'Add the channel (write the token with "-" for its "_": tgp-…)', command: `conda config --add channels ${tokenInPath(channel)}` },
      ];
    }
    default: {
      const raw = (urls.raw ?? '').replace(/\/?$/, '/');
      return [
        {
          title: 'Upload with curl',
          command: `curl -X PUT --data-binary @app-1.0.tar.gz -H "Authorization: Bearer ${TOKEN}" ${raw}app-1.0.tar.gz`,
        },
        { kind: 'download', title: 'Download with curl', command: `curl -fLO -H "Authorization: Bearer ${TOKEN}" ${raw}app-1.0.tar.gz` },
      ];
    }
  }
}

/** Copyable commands for the repository's package tools, with a pointer to where tokens come from. */
export function UploadHelp({ orgSlug, format, urls, upload = true, download = false }: UploadHelpProps) {
  const all = snippets(format, urls);
  // npm's login line serves both ways: show it once.
  const shown = all.filter((s, i) =>
    s.kind === 'download' ? download && !(upload && all.findIndex((o) => o.command === s.command) < i) : upload,
  );
  return (
    <div className="space-y-3 text-left">
      {shown.map((s) => (
        <CommandSnippet key={`${s.kind ?? 'upload'}-${s.title}`} title={s.title} command={s.command} />
      ))}
      <p className="text-xs text-fg-muted">
        Replace <code className="font-mono">{TOKEN}</code> with a personal access token that may{' '}
        {upload ? 'upload to' : 'read'} this repository — create one on the{' '}
        <Link href={`/${orgSlug}/tokens`} className="font-medium text-brand-700 underline">
          Tokens
        </Link>{' '}
        page.{upload ? ' Files are immutable: to replace one, delete it first.' : ''}
      </p>
    </div>
  );
}

export function CommandSnippet({ title, command }: { title: ReactNode; command: string }) {
  return (
    <div>
      <p className="mb-1 text-xs font-medium text-fg-muted">{title}</p>
      <div className="flex items-start gap-2 rounded-md border border-border bg-subtle p-2">
        <pre className="min-w-0 flex-1 overflow-x-auto py-0.5 pl-1 font-mono text-[12.5px] leading-5 whitespace-pre-wrap [overflow-wrap:anywhere] text-fg">
          <code>{command}</code>
        </pre>
        <CopyButton text={command} iconOnly size="sm" label="Copy command" />
      </div>
    </div>
  );
}
