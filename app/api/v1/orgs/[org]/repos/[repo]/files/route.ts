import { listFiles } from '@/lib/artifacts/service';
import { route } from '@/lib/http/route';
import { listFilesOp } from '@/lib/repos/operations';

export const GET = route(listFilesOp, ({ actor, params, query }) => listFiles(actor, params.org, params.repo, query));
