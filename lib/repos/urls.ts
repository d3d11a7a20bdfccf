// The package-tool URLs of a repository, as its format names them
// (lib/formats/<format>/client.ts), on DOWNLOAD_URL.
import { env } from '@/lib/env';
import { formatClient } from '@/lib/formats/registry-client';

export function repoUrls(org: string, repo: string, format: string): Record<string, string> {
  return formatClient(format).urls(env().downloadUrl, encodeURIComponent(org), encodeURIComponent(repo));
}
