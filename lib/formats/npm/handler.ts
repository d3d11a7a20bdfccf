// npm registry: root /npm/{org}/{repo}/ (docs/http.md "Package-tool routes").
//   GET  {name}                           packument, full or abbreviated by Accept (artifact:view)
//   GET  {name}/-/{file}.tgz              tarball (the shared download pipeline)
//   PUT  {name}                           npm publish (artifact:create)
//   PUT  -/package/{name}/dist-tags/{tag} npm dist-tag add (artifact:create)
import { Readable } from 'node:stream';
import { putArtifact } from '@/lib/artifacts/service';
import { env } from '@/lib/env';
import { ArchiveError } from '@/lib/formats/archive/errors';
import { badRequest, bodyTooLarge, notFound, methodNotAllowed } from '@/lib/http/errors';
import type { Presented } from '@/lib/native/credentials';
import { authorizeIndex, serveDownload } from '@/lib/native/download';
import { authorizeUpload } from '@/lib/native/repository';
import { declaredSize, jsonResponse } from '@/lib/native/responses';
import type { NativeContext } from '@/lib/native/dispatch';
import type { NativeRequest, NativeResponse } from '@/lib/native/types';
import { parseNpmRoute, tarballPath } from './names';
import { packumentResponse } from './packument-response';
import { parsePublish } from './publish';
import { recordPublish, setDistTag, versionConflict, versionExists } from './service';
import { bundlesShrinkwrap } from './tarball';

/**
 * The publish body is JSON carrying the tarball in base64 (4/3 of its size),
 * so it is read whole, then held as a string, a parsed object and the
 * decoded tarball: about four times this at the peak. 64 MiB (a tarball of
 * ~48 MiB) is far above what npm packages weigh; larger files go through the
 * console's upload, which streams.
 */
export const MAX_PUBLISH_BYTES = 64 * 1024 ** 2;
const MAX_TAG_BODY_BYTES = 1024;

export async function handleNpm(ctx: NativeContext): Promise<NativeResponse> {
  const { req, presented, org, repo: repoName } = ctx;
  const route = parseNpmRoute(ctx.rest);
  if (!route) throw notFound('No such npm route.');

  if (route.kind === 'tarball') {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed(['GET', 'HEAD']);
    const path = tarballPath(route.name, route.file);
    return serveDownload(ctx, path, { headers: { 'content-type': 'application/octet-stream' }, notFoundMessage: 'No such tarball.' });
  }

  if ((req.method === 'GET' || req.method === 'HEAD') && route.kind !== 'dist-tag') {
    const repo = await authorizeIndex(ctx);
    return packumentResponse(req, repo, route.name, registryBase(presented, org, repoName), presented?.source === 'path');
  }
  if (route.kind === 'dist-tag') {
    if (req.method !== 'PUT') throw methodNotAllowed(['PUT']);
    const { actor, repo } = await authorizeUpload(ctx);
    // npm sends the version as a JSON string.
    const version = parseJson(await readBody(req, MAX_TAG_BODY_BYTES));
    if (typeof version !== 'string') throw badRequest('The body must be the version as a JSON string.');
    return jsonResponse({ ok: true, 'dist-tags': await setDistTag(actor, repo, route.name, route.tag, version) }, 201);
  }

  if (req.method === 'PUT') {
    const { actor, repo } = await authorizeUpload(ctx);
    const publish = parsePublish(parseJson(await readBody(req, MAX_PUBLISH_BYTES)), route.name);
    if (await versionExists(repo.id, publish.name, publish.version)) throw versionConflict(publish);
    if (await hasShrinkwrap(publish.tarball)) publish.manifest._hasShrinkwrap = true;
    const path = tarballPath(publish.name, publish.file);
    await putArtifact(actor, repo, path, Readable.from([publish.tarball]), { declaredSize: publish.tarball.length });
    await recordPublish(actor, repo, publish, path);
    return jsonResponse({ ok: true, id: publish.name, version: publish.version }, 201);
  }
  throw methodNotAllowed(['GET', 'HEAD', 'PUT']);
}

/**
 * The registry root as the client reached it, for tarball URLs: a `/t/<token>/`
 * client (no other credential configured) must get tarball URLs that carry
 * the token too; header credentials stay out of URLs.
 */
function registryBase(presented: Presented | null, org: string, repo: string): string {
  const prefix = presented?.source === 'path' ? `/t/${encodeURIComponent(presented.secret)}` : '';
  return `${env().downloadUrl}${prefix}/npm/${encodeURIComponent(org)}/${encodeURIComponent(repo)}/`;
}

/** bundlesShrinkwrap, with a tarball too large or too slow to check refused (400). */
async function hasShrinkwrap(tarball: Buffer): Promise<boolean> {
  try {
    return await bundlesShrinkwrap(tarball);
  } catch (err) {
    if (err instanceof ArchiveError) throw badRequest(`The tarball cannot be checked: ${err.message}`);
    throw err;
  }
}


async function readBody(req: NativeRequest, max: number): Promise<Buffer> {
  const length = declaredSize(req.headers['content-length']);
  if (length !== undefined && length > max) throw bodyTooLarge(max);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req.body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buf.length;
    if (size > max) {
      req.body.destroy();
      throw bodyTooLarge(max);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

function parseJson(buf: Buffer): unknown {
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch {
    throw badRequest('The body is not valid JSON.');
  }
}
