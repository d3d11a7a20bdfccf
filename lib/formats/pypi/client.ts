// PyPI: the client-safe part of the format (client-types.ts).
import { defineFormatClient, sh, withPassword } from '@/lib/formats/client-types';

export const pypiClient = defineFormatClient({
  id: 'pypi',
  label: 'PyPI',
  tools: 'pip and twine',
  urls: (base, o, r) => ({ index: `${base}/pypi/${o}/${r}/simple/`, upload: `${base}/pypi/${o}/${r}/` }),
  fileUrl: (urls, p) => `${urls.upload ?? ''}files/${p}`,
  upload: {
    accept: '.whl,.tar.gz,.zip',
    hint: 'Wheels (.whl) and source distributions (.tar.gz, .zip). Name and version are read from the file.',
    folder: null,
  },
  setMeUp(urls, token) {
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
  },
  uploadHelp: (urls, token) => [
    { title: 'Upload with twine', command: `twine upload --repository-url ${urls.upload ?? ''} -u token -p ${token} dist/*` },
    { kind: 'download', title: 'Install with pip', command: `pip install --index-url ${withPassword(urls.index ?? '', token, 'x')} <package>` },
  ],
  tokenSnippets: ({ withBasic, org, repo, note }) => ({
    download: [
      {
        id: 'pip',
        title: 'pip',
        description: `Install from a PyPI repository.${note}`,
        command: `pip install --index-url ${sh(`${withBasic}/pypi/${org}/${repo}/simple/`)} <package>`,
      },
    ],
    upload: [],
  }),
});
