import { endpoints, route } from '@/lib/http/route';
import { deleteRepoOp, getRepoOp, updateRepoOp } from '@/lib/repos/operations';
import { deleteRepo, getRepo, updateRepo } from '@/lib/repos/service';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(getRepoOp, ({ actor, params }) => getRepo(actor, params.org, params.repo)),
  route(updateRepoOp, ({ actor, params, body }) => updateRepo(actor, params.org, params.repo, body)),
  route(deleteRepoOp, ({ actor, params }) => deleteRepo(actor, params.org, params.repo)),
);
