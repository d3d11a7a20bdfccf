import { endpoints, route } from '@/lib/http/route';
import { listDownloadsOp } from '@/lib/usage/operations';
import { listDownloads } from '@/lib/usage/service';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(listDownloadsOp, ({ actor, params, query }) => listDownloads(actor, params.org, params.repo, query)),
);
