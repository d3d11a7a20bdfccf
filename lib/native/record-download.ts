// Attaches the download event to a file response: recorded once the bytes
// are sent (GET with a body only: HEAD, 304 and errors are not downloads).
import type { Actor } from '@/lib/auth/actor';
import { downloadLog } from '@/lib/usage/download-log';
import type { RepoFileRow } from './lookup';
import type { NativeRequest, NativeResponse } from './types';

export function recordDownload(res: NativeResponse, req: NativeRequest, actor: Actor, repo: RepoFileRow, path: string): NativeResponse {
  if (req.method !== 'GET' || (res.status !== 200 && res.status !== 206)) return res;
  const type = actor.credential.type;
  return {
    ...res,
    onSent: (bytes) =>
      downloadLog().record({
        at: new Date(),
        orgId: repo.orgId,
        repositoryId: repo.repoId,
        path,
        bytes,
        credentialType: type === 'pat' || type === 'entitlement' || type === 'signed_url' ? type : 'anonymous',
        credentialId: actor.credential.id,
        userId: actor.user?.id ?? null,
        entitlementId: type === 'entitlement' ? actor.credential.id : null,
        clientAddress: actor.meta.address,
        userAgent: actor.meta.userAgent,
      }),
  };
}
