import { listAuditOp } from '@/lib/audit/operations';
import { auditCsv, listAudit } from '@/lib/audit/list';
import { route } from '@/lib/http/route';
import { notAllowed } from '@/lib/http/method-not-allowed';

export const GET = route(listAuditOp, ({ actor, params, query }) =>
  query.format === 'csv' ? auditCsv(actor, params.org, query) : listAudit(actor, params.org, query),
);

export const { POST, PUT, PATCH, DELETE } = notAllowed('GET');
