import { endpoints, route } from '@/lib/http/route';
import { createRepoOp, listReposOp } from '@/lib/repos/operations';
import { createRepo, listRepos } from '@/lib/repos/service';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(listReposOp, ({ actor, params, query }) => listRepos(actor, params.org, query)),
  route(createRepoOp, ({ actor, params, body }) => createRepo(actor, params.org, body)),
);
