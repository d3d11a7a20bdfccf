// npm: the client-safe part of the format (client-types.ts).
import { defineFormatClient, sh } from '@/lib/formats/client-types';

/** `https://host/npm/acme/js/` → `//host/npm/acme/js/` (npm's per-registry auth key). */
const npmAuthKey = (url: string) => url.replace(/^https?:/, '');

export const npmClient = defineFormatClient({
  id: 'npm',
  label: 'npm',
  tools: 'npm',
  urls: (base, o, r) => ({ registry: `${base}/npm/${o}/${r}/` }),
  fileUrl: (urls, p) => `${urls.registry ?? ''}${p}`,
  upload: { accept: '.tgz', hint: 'Tarballs made by npm pack (.tgz). Name and version are read from package/package.json.', folder: null },
  setMeUp(urls, token) {
    const registry = urls.registry ?? '';
    const npmrc = `registry=${registry}\n${npmAuthKey(registry)}:_authToken=${token}`;
    return [
      { id: '.npmrc-read', use: 'download', title: 'In your project’s .npmrc', text: npmrc },
      { id: 'npm-install', use: 'download', title: 'Then install', text: 'npm install <package>' },
      { id: '.npmrc-write', use: 'upload', title: 'In your package’s .npmrc', text: npmrc },
      { id: 'npm-publish', use: 'upload', title: 'Then publish', text: `npm publish --registry ${registry}` },
    ];
  },
  uploadHelp(urls, token) {
    const registry = urls.registry ?? '';
    const login = { title: 'Authenticate npm', command: `npm config set ${npmAuthKey(registry)}:_authToken ${token}` };
    return [
      login,
      { title: 'Publish', command: `npm publish --registry ${registry}` },
      { ...login, kind: 'download' },
      { kind: 'download', title: 'Install', command: `npm install --registry ${registry} <package>` },
    ];
  },
  tokenSnippets: ({ hostPath, org, repo, secret, note }) => ({
    download: [
      {
        id: 'npm',
        title: 'npm',
        description: `Authenticate npm against an npm repository.${note}`,
        command: `npm config set ${sh(`//${hostPath}/npm/${org}/${repo}/:_authToken`)} ${secret}`,
      },
    ],
    upload: [],
  }),
});
