'use client';

// "Set me up": copy-paste configuration for the repository's package tools,
// built from PUBLIC_URL (the repository's urls). The token is a placeholder
// until the user creates one here: a resource token on this repository only,
// whose secret lives in this component's state and is never shown again.
import Link from 'next/link';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { FormError } from '@/components/ui/form-error';
import { KeyIcon } from '@/components/ui/icons';
import { apiFetch, errorMessage } from '@/lib/http/client';
import { formatClient } from '@/lib/formats/registry-client';
import { CommandSnippet } from './upload-help';

const PLACEHOLDER = '<token>';

export type SetMeUpProps = {
  orgSlug: string;
  repo: { name: string; format: string; urls: Record<string, string> };
  canUpload: boolean;
  canDownload: boolean;
};

/** The format's snippets (lib/formats/<format>/client.ts). */
export const snippetsFor = (format: string, urls: Record<string, string>, token: string) => formatClient(format).setMeUp(urls, token);

export function SetMeUp({ orgSlug, repo, canUpload, canDownload }: SetMeUpProps) {
  const [secret, setSecret] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const token = secret ?? PLACEHOLDER;
  const all = snippetsFor(repo.format, repo.urls, token).filter((s) => (s.use === 'upload' ? canUpload : canDownload));
  const access = canUpload && canDownload ? 'write' : canUpload ? 'upload' : 'read';

  async function createToken() {
    setCreating(true);
    setError(null);
    try {
      const expiresAt = new Date(Date.now() + 90 * 24 * 3600 * 1000).toISOString();
      const res = await apiFetch<{ secret: string }>('/api/v1/tokens', {
        method: 'POST',
        body: {
          org: orgSlug,
          name: `${repo.name} set-up ${new Date().toISOString().slice(0, 10)}`,
          description: `Created from the Set me up panel of ${repo.name}.`,
          type: 'resource',
          resources: [{ repo: repo.name, access }],
          expiresAt,
        },
      });
      setSecret(res.secret);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setCreating(false);
    }
  }

  const section = (use: 'download' | 'upload', title: string) => {
    const items = all.filter((s) => s.use === use);
    if (!items.length) return null;
    return (
      <section aria-label={title} className="space-y-3">
        <h3 className="text-sm font-semibold text-fg">{title}</h3>
        {items.map((s) => (
          <div key={s.id} data-snippet={s.id}>
            <CommandSnippet title={s.title} command={s.text} />
          </div>
        ))}
      </section>
    );
  };

  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>Set me up</CardTitle>
          <CardDescription>
            Configure {formatClient(repo.format).tools} for {repo.name}. Copy a snippet; it works as is once{' '}
            <code className="font-mono">{PLACEHOLDER}</code> is a personal access token.
          </CardDescription>
        </div>
      </CardHeader>
      <CardContent className="space-y-6">
        {!canUpload && !canDownload ? (
          <p className="text-sm text-fg-muted">Your role neither downloads from nor uploads to this repository.</p>
        ) : secret ? (
          <div className="rounded-md border border-warning-200 bg-warning-50 p-3 text-sm text-warning-800" role="status">
            <p className="font-medium">A new token is filled into the snippets below.</p>
            <p className="mt-1">
              It is shown only here and only now: copy what you need before leaving this page. It may {access === 'write' ? 'read and upload' : access}{' '}
              on {repo.name} only and expires in 90 days. Manage it on the{' '}
              <Link href={`/${orgSlug}/tokens`} className="font-medium underline">
                Tokens
              </Link>{' '}
              page.
            </p>
          </div>
        ) : (
          <div className="flex flex-wrap items-center gap-3">
            <Button type="button" variant="secondary" size="sm" loading={creating} onClick={() => void createToken()}>
              <KeyIcon /> Create a token for {repo.name}
            </Button>
            <p className="text-xs text-fg-muted">
              Or use one from the{' '}
              <Link href={`/${orgSlug}/tokens`} className="font-medium text-brand-700 underline">
                Tokens
              </Link>{' '}
              page.
            </p>
          </div>
        )}
        {error ? <FormError title="The token could not be created.">{error}</FormError> : null}
        {section('download', 'Download and install')}
        {section('upload', 'Upload and publish')}
      </CardContent>
    </Card>
  );
}
