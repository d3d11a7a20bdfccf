import { route } from '@/lib/http/route';
import { listRepoMembersOp } from '@/lib/repos/operations';
import { listRepoMembers } from '@/lib/repos/service';

export const GET = route(listRepoMembersOp, ({ actor, params, query }) => listRepoMembers(actor, params.org, params.repo, query));
