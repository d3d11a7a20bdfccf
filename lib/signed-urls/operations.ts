import { operation } from '@/lib/http/operation';
import { orgParams } from '@/lib/orgs/schema';
import { repoParams } from '@/lib/repos/schema';
import { mintSignedUrlInput, signedUrlView, signingKeyStatusView, signingKeyView } from './schema';

export const mintSignedUrlOp = operation({
  id: 'mintSignedUrl', method: 'POST', path: '/api/v1/orgs/{org}/repos/{repo}/signed-urls', tag: 'Signed URLs', auth: 'required', status: 201,
  summary: 'A URL that downloads one file with no other credential until it expires (default 1h, at most 30d) or the '
    + 'organization\'s signing key is rotated. Needs artifact:download on the repository (a session or a PAT). '
    + '`path` is the file\'s path as the files list gives it.',
  params: repoParams, body: mintSignedUrlInput, response: signedUrlView,
});
export const rotateSigningKeyOp = operation({
  id: 'rotateSigningKey', method: 'POST', path: '/api/v1/orgs/{org}/signing-key/rotate', tag: 'Signed URLs', auth: 'required',
  summary: 'Make a new signing key current: every URL signed before is refused at once, on every instance. Needs signing-key:edit.',
  params: orgParams, response: signingKeyView,
});
export const getSigningKeyOp = operation({
  id: 'getSigningKey', method: 'GET', path: '/api/v1/orgs/{org}/signing-key', tag: 'Signed URLs', auth: 'required',
  summary: 'The current signing-key version (never the key). Needs signing-key:edit.',
  params: orgParams, response: signingKeyStatusView,
});
