// Raw files: GET/HEAD/PUT /raw/{org}/{repo}/{path…} (API.md "Native tool routes").
import type { Actor } from '@/lib/auth/actor';
import { putArtifact } from '@/lib/artifacts/service';
import { db } from '@/lib/db/client';
import { badRequest, notFound } from '@/lib/http/errors';
import { authorizeRepository } from '@/lib/native/repository';
import { jsonResponse } from '@/lib/native/responses';
import { serveFile } from '@/lib/native/serve-file';
import { artifactPath, decodeSegments } from '@/lib/native/paths';
import type { NativeRequest, NativeResponse } from '@/lib/native/types';

/** `segments`: the percent-encoded path segments after /raw/. */
export async function handleRaw(req: NativeRequest, actor: Actor, segments: string[]): Promise<NativeResponse> {
  if (segments.length < 2) throw notFound('Use /raw/{org}/{repo}/{path}.');
  const [org, repoName] = decodeSegments(segments.slice(0, 2)) as [string, string];
  const path = artifactPath(segments.slice(2));

  if (req.method === 'GET' || req.method === 'HEAD') {
    const repo = await authorizeRepository(actor, org, repoName, 'raw', 'artifact:download');
    const file = await db().artifact.findUnique({
      where: { repositoryId_path: { repositoryId: repo.id, path } },
      select: { sha256: true, blobKey: true, size: true, contentType: true, createdAt: true, filename: true },
    });
    if (!file) throw notFound('No such file.');
    return serveFile(req, { ...file, size: Number(file.size) });
  }
  if (req.method === 'PUT') {
    const repo = await authorizeRepository(actor, org, repoName, 'raw', 'artifact:create');
    const length = req.headers['content-length'];
    if (length !== undefined && !/^\d+$/.test(length)) throw badRequest('Invalid Content-Length.');
    const stored = await putArtifact(actor, repo, path, req.body, { declaredSize: length === undefined ? undefined : Number(length) });
    return jsonResponse(stored, 201);
  }
  return jsonResponse({ error: { code: 'method_not_allowed', message: 'Use GET, HEAD or PUT.' } }, 405, { allow: 'GET, HEAD, PUT' });
}
