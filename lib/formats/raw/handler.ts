// Raw files: GET/HEAD/PUT /raw/{org}/{repo}/{path…} (docs/http.md "Package-tool routes").
import { putArtifact } from '@/lib/artifacts/service';
import { serveDownload } from '@/lib/native/download';
import { methodNotAllowed } from '@/lib/http/errors';
import { authorizeUpload } from '@/lib/native/repository';
import { declaredSize, jsonResponse } from '@/lib/native/responses';
import { artifactPath } from '@/lib/native/paths';
import type { NativeContext } from '@/lib/native/dispatch';
import type { NativeResponse } from '@/lib/native/types';

export async function handleRaw(ctx: NativeContext): Promise<NativeResponse> {
  const { req } = ctx;
  const path = artifactPath(ctx.rest);

  if (req.method === 'GET' || req.method === 'HEAD') {
    return serveDownload(ctx, path);
  }
  if (req.method === 'PUT') {
    const { actor, repo } = await authorizeUpload(ctx);
    const stored = await putArtifact(actor, repo, path, req.body, { declaredSize: declaredSize(req.headers['content-length']) });
    return jsonResponse(stored, 201);
  }
  throw methodNotAllowed(['GET', 'HEAD', 'PUT']);
}
