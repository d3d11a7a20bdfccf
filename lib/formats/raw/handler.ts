// Raw files: GET/HEAD/PUT /raw/{org}/{repo}/{path…} (API.md "Native tool routes").
import type { RequestMeta } from '@/lib/auth/actor';
import { putArtifact } from '@/lib/artifacts/service';
import { resolveNativeActor, type Presented } from '@/lib/native/credentials';
import { serveDownload } from '@/lib/native/download';
import { notFound, methodNotAllowed } from '@/lib/http/errors';
import { authorizeRepository } from '@/lib/native/repository';
import { declaredSize, jsonResponse } from '@/lib/native/responses';
import { artifactPath, decodeSegments } from '@/lib/native/paths';
import type { NativeRequest, NativeResponse } from '@/lib/native/types';

/** `segments`: the percent-encoded path segments after /raw/. */
export async function handleRaw(req: NativeRequest, presented: Presented | null, meta: RequestMeta, segments: string[]): Promise<NativeResponse> {
  if (segments.length < 2) throw notFound('Use /raw/{org}/{repo}/{path}.');
  const [org, repoName] = decodeSegments(segments.slice(0, 2)) as [string, string];
  const path = artifactPath(segments.slice(2));

  if (req.method === 'GET' || req.method === 'HEAD') {
    return serveDownload(req, presented, meta, { org, repo: repoName, path, format: 'raw' });
  }
  if (req.method === 'PUT') {
    const actor = await resolveNativeActor(presented, meta);
    const repo = await authorizeRepository(actor, org, repoName, 'raw', 'artifact:create');
    const stored = await putArtifact(actor, repo, path, req.body, { declaredSize: declaredSize(req.headers['content-length']) });
    return jsonResponse(stored, 201);
  }
  throw methodNotAllowed(['GET', 'HEAD', 'PUT']);
}
