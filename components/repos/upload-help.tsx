import Link from 'next/link';
import type { ReactNode } from 'react';
import { CopyButton } from '@/components/ui/copy-button';
import { formatClient } from '@/lib/formats/registry-client';

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

/** Copyable commands for the repository's package tools, with a pointer to where tokens come from. */
export function UploadHelp({ orgSlug, format, urls, upload = true, download = false }: UploadHelpProps) {
  const all = formatClient(format).uploadHelp(urls, TOKEN);
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
