import { route } from '@/lib/http/route';
import { notAllowed } from '@/lib/http/method-not-allowed';
import { listVersionsOp } from '@/lib/packages/operations';
import { listVersions } from '@/lib/packages/service';

export const GET = route(listVersionsOp, ({ actor, params, query }) => listVersions(actor, params.org, params.repo, params.name, query));

export const { POST, PUT, PATCH, DELETE } = notAllowed('GET');
