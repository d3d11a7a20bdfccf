import { route } from '@/lib/http/route';
import { notAllowed } from '@/lib/http/method-not-allowed';
import { listPackagesOp } from '@/lib/packages/operations';
import { listPackages } from '@/lib/packages/service';

export const GET = route(listPackagesOp, ({ actor, params, query }) => listPackages(actor, params.org, params.repo, query));

export const { POST, PUT, PATCH, DELETE } = notAllowed('GET');
