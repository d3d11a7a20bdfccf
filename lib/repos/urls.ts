// The package-tool URLs of a repository, as its format names them
// (lib/formats/<format>/client.ts), on DOWNLOAD_URL.
import { env } from '@/lib/env';
import { formatClient } from '@/lib/formats/registry-client';

export function repoUrls(org: string, repo: string, format: string): Record<string, string> {
  return formatClient(format).urls(env().downloadUrl, encodeURIComponent(org), encodeURIComponent(repo));
}

/** The download URL of one stored file (its artifact path), on DOWNLOAD_URL. */
export function fileUrl(org: string, repo: string, format: string, path: string): string {
  return formatClient(format).fileUrl(repoUrls(org, repo, format), path.split('/').map(encodeURIComponent).join('/'));
}
