import { endpoints, route } from '@/lib/http/route';
import { mintSignedUrlOp } from '@/lib/signed-urls/operations';
import { mintSignedUrl } from '@/lib/signed-urls/service';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(mintSignedUrlOp, ({ actor, params, body }) => mintSignedUrl(actor, params.org, params.repo, body)),
);
