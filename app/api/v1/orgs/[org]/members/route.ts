import { route } from '@/lib/http/route';
import { listMembersOp } from '@/lib/orgs/operations';
import { listMembers } from '@/lib/orgs/service';
import { notAllowed } from '@/lib/http/method-not-allowed';

export const GET = route(listMembersOp, ({ actor, params, query }) => listMembers(actor, params.org, query));

export const { POST, PUT, PATCH, DELETE } = notAllowed('GET');
