import { endpoints, route } from '@/lib/http/route';
import { listVersionsOp } from '@/lib/packages/operations';
import { listVersions } from '@/lib/packages/service';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(listVersionsOp, ({ actor, params, query }) => listVersions(actor, params.org, params.repo, params.name, query)),
);
