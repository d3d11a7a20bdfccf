import { listFiles } from '@/lib/artifacts/service';
import { endpoints, route } from '@/lib/http/route';
import { listFilesOp } from '@/lib/repos/operations';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(listFilesOp, ({ actor, params, query }) => listFiles(actor, params.org, params.repo, query)),
);
