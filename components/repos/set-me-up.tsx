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
import { condaToken } from '@/components/tokens/usage-snippets';
import { CommandSnippet } from './upload-help';

const PLACEHOLDER = '<token>';

export type SetMeUpProps = {
  orgSlug: string;
  repo: { name: string; format: string; urls: Record<string, string> };
  canUpload: boolean;
  canDownload: boolean;
};

type Snippet = { id: string; title: string; text: string; use: 'upload' | 'download' };

const withPassword = (url: string, token: string) => url.replace(/^(https?:\/\/)/, `$1token:${token}@`);
const withPathToken = (url: string, token: string) => url.replace(/^(https?:\/\/[^/]+)/, `$1/t/${token}`);

export function snippetsFor(format: string, urls: Record<string, string>, token: string): Snippet[] {
  switch (format) {
    case 'pypi': {
      const index = urls.index ?? '';
      const upload = urls.upload ?? '';
      return [
        { id: 'pip', use: 'download', title: 'Install with pip', text: `pip install --index-url ${withPassword(index, token)} <package>` },
        { id: 'pip.conf', use: 'download', title: 'Or once, in pip.conf (~/.config/pip/pip.conf)', text: `[global]\nindex-url = ${withPassword(index, token)}` },
        { id: 'twine', use: 'upload', title: 'Upload with twine', text: `twine upload --repository-url ${upload} -u token -p ${token} dist/*` },
        {
          id: '.pypirc',
          use: 'upload',
          title: 'Or once, in ~/.pypirc (then: twine upload -r tollgate dist/*)',
          text: `[distutils]\nindex-servers = tollgate\n\n[tollgate]\nrepository = ${upload}\nusername = token\npassword = ${token}`,
        },
      ];
    }
    case 'npm': {
      const registry = urls.registry ?? '';
      const npmrc = `registry=${registry}\n${registry.replace(/^https?:/, '')}:_authToken=${token}`;
      return [
        { id: '.npmrc-read', use: 'download', title: 'In your project’s .npmrc', text: npmrc },
        { id: 'npm-install', use: 'download', title: 'Then install', text: 'npm install <package>' },
        { id: '.npmrc-write', use: 'upload', title: 'In your package’s .npmrc', text: npmrc },
        { id: 'npm-publish', use: 'upload', title: 'Then publish', text: `npm publish --registry ${registry}` },
      ];
    }
    case 'conda': {
      const channel = (urls.channel ?? '').replace(/\/$/, '');
      // conda keeps only [A-Za-z0-9-] of a /t/<token>/ segment: the token goes in as tgp-… (the server accepts both).
      const dashed = condaToken(token);
      return [
        {
          id: 'conda-channel',
          use: 'download',
          title: 'Add the channel (conda needs the token written with "-" for its "_": tgp-…)',
          text: `conda config --add channels ${withPathToken(channel, dashed)}`,
        },
        { id: 'conda-install', use: 'download', title: 'Or install from it directly', text: `conda install -c ${withPathToken(channel, dashed)} <package>` },
        {
          id: 'conda-upload',
          use: 'upload',
          title: 'Upload with curl (into the package’s platform subdirectory)',
          text: `curl -fT pkg-1.0-0.conda -H "Authorization: Bearer ${token}" ${channel}/linux-64/pkg-1.0-0.conda`,
        },
      ];
    }
    default: {
      const raw = (urls.raw ?? '').replace(/\/?$/, '/');
      return [
        { id: 'curl-download', use: 'download', title: 'Download with curl', text: `curl -fLO ${withPathToken(raw, token)}app-1.0.tar.gz` },
        { id: 'curl-download-header', use: 'download', title: 'Or with the token in a header', text: `curl -fLO -H "Authorization: Bearer ${token}" ${raw}app-1.0.tar.gz` },
        { id: 'curl-upload', use: 'upload', title: 'Upload with curl', text: `curl -fT app-1.0.tar.gz -H "Authorization: Bearer ${token}" ${raw}app-1.0.tar.gz` },
      ];
    }
  }
}

const TOOL: Record<string, string> = { pypi: 'pip and twine', npm: 'npm', conda: 'conda', raw: 'curl' };

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
            Configure {TOOL[repo.format] ?? 'your tools'} for {repo.name}. Copy a snippet; it works as is once{' '}
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
