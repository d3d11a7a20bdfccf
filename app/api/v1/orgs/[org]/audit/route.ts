import { listAuditOp } from '@/lib/audit/operations';
import { auditCsv, listAudit } from '@/lib/audit/list';
import { endpoints, route } from '@/lib/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(listAuditOp, ({ actor, params, query }) =>
    query.format === 'csv' ? auditCsv(actor, params.org, query) : listAudit(actor, params.org, query),
  ),
);
