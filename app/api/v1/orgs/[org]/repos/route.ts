import { route } from '@/lib/http/route';
import { createRepoOp, listReposOp } from '@/lib/repos/operations';
import { createRepo, listRepos } from '@/lib/repos/service';
import { notAllowed } from '@/lib/http/method-not-allowed';

export const GET = route(listReposOp, ({ actor, params, query }) => listRepos(actor, params.org, query));
export const POST = route(createRepoOp, ({ actor, params, body }) => createRepo(actor, params.org, body));

export const { PUT, PATCH, DELETE } = notAllowed('GET', 'POST');
