// The package-tool URLs of a repository, per format (docs/http.md "Package-tool routes").
import { env } from '@/lib/env';

export function repoUrls(org: string, repo: string, format: string): Record<string, string> {
  const base = env().downloadUrl;
  const o = encodeURIComponent(org);
  const r = encodeURIComponent(repo);
  switch (format) {
    case 'pypi':
      return { index: `${base}/pypi/${o}/${r}/simple/`, upload: `${base}/pypi/${o}/${r}/` };
    case 'npm':
      return { registry: `${base}/npm/${o}/${r}/` };
    case 'conda':
      return { channel: `${base}/conda/${o}/${r}` };
    default:
      return { raw: `${base}/raw/${o}/${r}/` };
  }
}
