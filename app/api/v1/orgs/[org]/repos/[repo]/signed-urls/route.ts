import { route } from '@/lib/http/route';
import { notAllowed } from '@/lib/http/method-not-allowed';
import { mintSignedUrlOp } from '@/lib/signed-urls/operations';
import { mintSignedUrl } from '@/lib/signed-urls/service';

export const POST = route(mintSignedUrlOp, ({ actor, params, body }) => mintSignedUrl(actor, params.org, params.repo, body));

export const { GET, PUT, PATCH, DELETE } = notAllowed('POST');
