// PyPI: the simple index (PEP 503 HTML, PEP 691 JSON), files and the legacy
// upload API twine uses (docs/http.md "Package-tool routes"):
//   GET  /pypi/{org}/{repo}/simple/             projects
//   GET  /pypi/{org}/{repo}/simple/{project}/   one project's files
//   GET  /pypi/{org}/{repo}/files/{path…}       a file
//   POST /pypi/{org}/{repo}/                    upload (twine --repository-url)
import { env } from '@/lib/env';
import { badRequest, notFound, methodNotAllowed } from '@/lib/http/errors';
import type { Presented } from '@/lib/native/credentials';
import { authorizeIndex, serveDownload } from '@/lib/native/download';
import { artifactPath, decodeSegments } from '@/lib/native/paths';
import { authorizeUpload } from '@/lib/native/repository';
import { jsonResponse } from '@/lib/native/responses';
import type { NativeContext } from '@/lib/native/dispatch';
import type { NativeResponse } from '@/lib/native/types';
import { storeDistribution } from './distribution';
import { projectResponse, projectsResponse } from './index-pages';
import { isValidName, normalizeName } from './names';
import { receiveUpload } from './upload';

const enc = (s: string) => encodeURIComponent(s);

/**
 * The base of redirects: a request that carried its token in the path is sent
 * to a URL that carries it too (the client has no other credential).
 */
function baseUrl(presented: Presented | null, org: string, repo: string): string {
  const prefix = presented?.source === 'path' ? `/t/${enc(presented.secret)}` : '';
  return `${env().downloadUrl}${prefix}/pypi/${enc(org)}/${enc(repo)}`;
}

const redirect = (location: string): NativeResponse => ({ status: 301, headers: { location, 'cache-control': 'no-store' }, body: null });


export async function handlePypi(ctx: NativeContext): Promise<NativeResponse> {
  const { req, presented, rest } = ctx;
  const org = ctx.org.toLowerCase();
  const repoName = ctx.repo.toLowerCase();
  const read = req.method === 'GET' || req.method === 'HEAD';

  if (rest[0] === 'files') {
    if (!read) throw methodNotAllowed(['GET', 'HEAD']);
    const path = artifactPath(rest.slice(1));
    return serveDownload(ctx, path);
  }

  if (rest[0] === 'simple') {
    if (!read) throw methodNotAllowed(['GET', 'HEAD']);
    const base = baseUrl(presented, org, repoName);
    const repo = await authorizeIndex(ctx);
    const tail = rest.slice(1);
    // PEP 503: pages end in a slash (and the links on them are relative to that).
    if (tail.length === 0) return redirect(`${base}/simple/`);
    if (tail.length === 1 && tail[0] === '') return projectsResponse(req, repo);
    if (tail.length > 2 || (tail.length === 2 && tail[1] !== '')) throw notFound('No such page.');
    const [project] = decodeSegments([tail[0]!]) as [string];
    const name = normalizeName(project);
    // PEP 503: one URL per project, the normalized name with a trailing slash.
    if (name !== project || tail.length === 1) return redirect(`${base}/simple/${enc(name)}/`);
    return projectResponse(req, repo, name);
  }

  if (rest.length === 0 || (rest.length === 1 && rest[0] === '')) {
    if (req.method !== 'POST') throw methodNotAllowed(['POST']);
    return upload(ctx);
  }
  throw notFound('No such route. Use /simple/, /files/ or POST to the repository root.');
}

async function upload(ctx: NativeContext): Promise<NativeResponse> {
  const { actor, repo } = await authorizeUpload(ctx);
  const stored = await receiveUpload(ctx.req, async (fields, file, filename) => {
    const action = fields[':action'];
    if (action !== 'file_upload') throw badRequest(`Unsupported :action ${JSON.stringify(action ?? null)}: only file_upload is.`);
    const name = fields.name ?? '';
    const version = fields.version ?? '';
    if (!isValidName(name)) throw badRequest('The name field is missing or not a valid project name.');
    if (!version || version.length > 128 || /[\s/\\]/.test(version)) throw badRequest('The version field is missing or not valid.');
    const digest = fields.sha256_digest?.trim();
    if (digest && !/^[0-9a-f]{64}$/i.test(digest)) throw badRequest('sha256_digest is not a hex sha256.');
    const { path, size, sha256 } = await storeDistribution(actor, repo, filename, file, {
      declared: { name, version },
      requiresPython: fields.requires_python?.trim() || undefined,
      expectedSha256: digest || undefined,
    });
    return { path, size, sha256 };
  });
  return jsonResponse(stored, 200);
}
