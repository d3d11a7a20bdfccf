import { listFiles } from '@/lib/artifacts/service';
import { route } from '@/lib/http/route';
import { listFilesOp } from '@/lib/repos/operations';
import { notAllowed } from '@/lib/http/method-not-allowed';

export const GET = route(listFilesOp, ({ actor, params, query }) => listFiles(actor, params.org, params.repo, query));

export const { POST, PUT, PATCH, DELETE } = notAllowed('GET');
