// Conda: the client-safe part of the format (client-types.ts).
import { defineFormatClient, sh, withPathToken } from '@/lib/formats/client-types';

/** A token as a conda channel URL must carry it: `tgp-…` for `tgp_…` (the server accepts both). */
export const condaToken = (secret: string) => secret.replace(/^(tg[pe])_/, '$1-');

/** `https://host/conda/acme/main` → `https://host/t/<token>/conda/acme/main` (conda-style channel URL). */
function tokenInPath(url: string, token: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}/t/${token}${u.pathname}`;
  } catch {
    return url;
  }
}

const channelOf = (urls: Record<string, string>) => (urls.channel ?? '').replace(/\/$/, '');

export const condaClient = defineFormatClient({
  id: 'conda',
  label: 'conda',
  tools: 'conda',
  urls: (base, o, r) => ({ channel: `${base}/conda/${o}/${r}` }),
  fileUrl: (urls, p) => `${channelOf(urls)}/${p}`,
  upload: {
    accept: '.conda,.tar.bz2',
    hint: 'Conda packages (.conda, .tar.bz2). Name, version and platform are read from info/index.json.',
    folder: 'subdir',
  },
  setMeUp(urls, token) {
    const channel = channelOf(urls);
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
  },
  uploadHelp(urls, token) {
    const channel = channelOf(urls);
    return [
      {
        title: 'Upload with curl (into a platform subdirectory)',
        command: `curl -X PUT --data-binary @pkg-1.0-0.conda -H "Authorization: Bearer ${token}" ${channel}/linux-64/pkg-1.0-0.conda`,
      },
      { kind: 'download', title: 'Add the channel (write the token with "-" for its "_": tgp-…)', command: `conda config --add channels ${tokenInPath(channel, token)}` },
    ];
  },
  tokenSnippets: ({ root, org, repo, secret, note }) => ({
    download: [
      {
        id: 'conda',
        title: 'conda',
        description: `Add a conda repository as a channel (conda keeps only letters, digits and "-" of a path token, so the token is written with "-" for its "_").${note}`,
        command: `conda config --add channels ${sh(`${root}/t/${condaToken(secret)}/conda/${org}/${repo}`)}`,
      },
    ],
    upload: [],
  }),
});
