// Raw files: GET/HEAD/PUT /raw/{org}/{repo}/{path…} (API.md "Native tool routes").
import { putArtifact } from '@/lib/artifacts/service';
import { resolveNativeActor } from '@/lib/native/credentials';
import { serveDownload } from '@/lib/native/download';
import { methodNotAllowed } from '@/lib/http/errors';
import { authorizeRepository } from '@/lib/native/repository';
import { declaredSize, jsonResponse } from '@/lib/native/responses';
import { artifactPath } from '@/lib/native/paths';
import type { NativeContext } from '@/lib/native/dispatch';
import type { NativeResponse } from '@/lib/native/types';

export async function handleRaw({ req, presented, meta, org, repo: repoName, rest }: NativeContext): Promise<NativeResponse> {
  const path = artifactPath(rest);

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
