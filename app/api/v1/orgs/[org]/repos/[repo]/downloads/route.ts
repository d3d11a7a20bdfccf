import { route } from '@/lib/http/route';
import { notAllowed } from '@/lib/http/method-not-allowed';
import { listDownloadsOp } from '@/lib/usage/operations';
import { listDownloads } from '@/lib/usage/service';

export const GET = route(listDownloadsOp, ({ actor, params, query }) => listDownloads(actor, params.org, params.repo, query));

export const { POST, PUT, PATCH, DELETE } = notAllowed('GET');
