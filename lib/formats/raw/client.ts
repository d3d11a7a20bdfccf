// Raw files: the client-safe part of the format (client-types.ts).
import { defineFormatClient, sh, withPathToken } from '@/lib/formats/client-types';

const rawBase = (urls: Record<string, string>) => (urls.raw ?? '').replace(/\/?$/, '/');

export const rawClient = defineFormatClient({
  id: 'raw',
  label: 'raw',
  tools: 'curl',
  urls: (base, o, r) => ({ raw: `${base}/raw/${o}/${r}/` }),
  fileUrl: (urls, p) => `${rawBase(urls)}${p}`,
  upload: { hint: 'Any file. It is stored under the folder below, by its file name.', folder: 'path' },
  setMeUp(urls, token) {
    const raw = rawBase(urls);
    return [
      { id: 'curl-download', use: 'download', title: 'Download with curl', text: `curl -fLO ${withPathToken(raw, token)}app-1.0.tar.gz` },
      { id: 'curl-download-header', use: 'download', title: 'Or with the token in a header', text: `curl -fLO -H "Authorization: Bearer ${token}" ${raw}app-1.0.tar.gz` },
      { id: 'curl-upload', use: 'upload', title: 'Upload with curl', text: `curl -fT app-1.0.tar.gz -H "Authorization: Bearer ${token}" ${raw}app-1.0.tar.gz` },
    ];
  },
  uploadHelp(urls, token) {
    const raw = rawBase(urls);
    return [
      {
        title: 'Upload with curl',
        command: `curl -X PUT --data-binary @app-1.0.tar.gz -H "Authorization: Bearer ${token}" ${raw}app-1.0.tar.gz`,
      },
      { kind: 'download', title: 'Download with curl', command: `curl -fLO -H "Authorization: Bearer ${token}" ${raw}app-1.0.tar.gz` },
    ];
  },
  tokenSnippets: ({ root, org, repo, secret, note, file }) => ({
    download: [
      {
        id: 'curl',
        title: 'curl',
        description: `Download a file with the token in an Authorization header.${note}`,
        command: `curl -fLO -H "Authorization: Bearer ${secret}" ${sh(`${root}/raw/${org}/${repo}/${file}`)}`,
      },
      {
        id: 'curl-path',
        title: 'curl (token in the URL)',
        description: 'The same download with the token in the path, for tools that only take a URL.',
        command: `curl -fLO ${sh(`${root}/t/${secret}/raw/${org}/${repo}/${file}`)}`,
      },
    ],
    upload: [
      {
        id: 'curl-upload',
        title: 'curl (upload)',
        description: `Upload a file to a raw repository.${note}`,
        command: `curl -fT ./<file> -H "Authorization: Bearer ${secret}" ${sh(`${root}/raw/${org}/${repo}/`)}<file>`,
      },
    ],
  }),
});
