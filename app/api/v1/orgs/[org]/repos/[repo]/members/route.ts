import { route } from '@/lib/http/route';
import { listRepoMembersOp } from '@/lib/repos/operations';
import { listRepoMembers } from '@/lib/repos/service';
import { notAllowed } from '@/lib/http/method-not-allowed';

export const GET = route(listRepoMembersOp, ({ actor, params, query }) => listRepoMembers(actor, params.org, params.repo, query));

export const { POST, PUT, PATCH, DELETE } = notAllowed('GET');
