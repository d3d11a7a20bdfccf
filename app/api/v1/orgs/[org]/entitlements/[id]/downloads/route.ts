import { listEntitlementDownloadsOp } from '@/lib/entitlements/operations';
import { entitlementDownloadsCsv, listEntitlementDownloads } from '@/lib/entitlements/service';
import { notAllowed } from '@/lib/http/method-not-allowed';
import { route } from '@/lib/http/route';

export const GET = route(listEntitlementDownloadsOp, ({ actor, params, query }) =>
  query.format === 'csv' ? entitlementDownloadsCsv(actor, params.org, params.id) : listEntitlementDownloads(actor, params.org, params.id, query),
);

export const { POST, PUT, PATCH, DELETE } = notAllowed('GET');
