import { operation } from '@/lib/http/operation';
import { pageSchema } from '@/lib/http/pagination';
import { orgParams } from '@/lib/orgs/schema';
import { auditEventView, auditQuery } from './schema';

export const listAuditOp = operation({
  id: 'listAudit', method: 'GET', path: '/api/v1/orgs/{org}/audit', tag: 'Audit', auth: 'required',
  summary: 'The organization\'s audit log, newest first: every change to members, invitations, roles, repositories, files, '
    + 'tokens, entitlements and the signing key, and every sign-in and failed sign-in of its members. Filters: actor '
    + '(e-mail or part of it), action (one action, or a kind such as `token`), from (inclusive) and to (exclusive). '
    + '`format=csv` answers the whole filtered log as a streamed text/csv file with a header line. Needs audit:view.',
  params: orgParams, query: auditQuery, response: pageSchema(auditEventView),
});
