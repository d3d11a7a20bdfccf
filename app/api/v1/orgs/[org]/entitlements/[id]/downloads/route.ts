import { listEntitlementDownloadsOp } from '@/lib/entitlements/operations';
import { entitlementDownloadsCsv, listEntitlementDownloads } from '@/lib/entitlements/usage';
import { endpoints, route } from '@/lib/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(
  route(listEntitlementDownloadsOp, ({ actor, params, query }) =>
    query.format === 'csv' ? entitlementDownloadsCsv(actor, params.org, params.id) : listEntitlementDownloads(actor, params.org, params.id, query),
  ),
);
