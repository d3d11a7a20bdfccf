import { endpoints, route } from '@/lib/http/route';
import { listPackagesOp } from '@/lib/packages/operations';
import { listPackages } from '@/lib/packages/service';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(listPackagesOp, ({ actor, params, query }) => listPackages(actor, params.org, params.repo, query)),
);
