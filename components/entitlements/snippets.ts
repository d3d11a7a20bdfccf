// "Set me up" for an entitlement's customer: each repository's download
// snippets from its format's client descriptor (lib/formats/<format>/client.ts,
// the same text the repository's Set me up tab prints), with the secret filled
// in. Entitlement tokens are read-only: upload snippets are left out. Where the
// repository has a file or a package, the example names it, so every command
// runs as printed.
import type { SetMeUpSnippet } from '@/lib/formats/client-types';
import { formatClient } from '@/lib/formats/registry-client';

export type SnippetRepo = { name: string; format: string; urls: Record<string, string> };

/** A real file path and package name of the repository, when known. */
export type Example = { file?: string | null; package?: string | null };

export type EntitlementSnippet = SetMeUpSnippet & { repo: string; format: string };

/** The raw snippets' stand-in file name (lib/formats/raw/client.ts). */
const RAW_EXAMPLE = 'app-1.0.tar.gz';
const PACKAGE_PLACEHOLDER = '<package>';

const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

export function entitlementSnippets(repos: SnippetRepo[], secret: string, examples: Record<string, Example> = {}): EntitlementSnippet[] {
  return repos.flatMap((repo) => {
    const example = examples[repo.name] ?? {};
    return formatClient(repo.format)
      .setMeUp(repo.urls, secret)
      .filter((s) => s.use === 'download')
      .map((s) => {
        let text = s.text;
        if (repo.format === 'raw' && example.file) text = text.split(RAW_EXAMPLE).join(encodePath(example.file));
        if (example.package) text = text.split(PACKAGE_PLACEHOLDER).join(example.package);
        return { ...s, text, repo: repo.name, format: repo.format };
      });
  });
}
