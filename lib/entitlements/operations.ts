import { z } from 'zod';
import { operation } from '@/lib/http/operation';
import { orgParams } from '@/lib/orgs/schema';
import {
  createEntitlementInput,
  entitlementDownloadPage,
  entitlementDownloadsQuery,
  entitlementPage,
  entitlementParams,
  entitlementResult,
  entitlementUsageQuery,
  entitlementWithSecret,
  listEntitlementsQuery,
  updateEntitlementInput,
  usageSeriesView,
} from './schema';

const base = '/api/v1/orgs/{org}/entitlements';
const common = { tag: 'Entitlements', auth: 'required' } as const;

export const listEntitlementsOp = operation({
  ...common, id: 'listEntitlements', method: 'GET', path: base,
  summary: 'The organization\'s entitlement tokens, newest first: ?q= searches name, customer and description; ?tag= and ?status= filter. Needs entitlement:view.',
  params: orgParams, query: listEntitlementsQuery, response: entitlementPage,
});
export const createEntitlementOp = operation({
  ...common, id: 'createEntitlement', method: 'POST', path: base, status: 201,
  summary: 'Create an entitlement token over distribution repositories. The secret (generated tge_…, or the custom token string) is in this response only. Needs entitlement:edit.',
  params: orgParams, body: createEntitlementInput, response: entitlementWithSecret,
});
export const getEntitlementOp = operation({
  ...common, id: 'getEntitlement', method: 'GET', path: `${base}/{id}`,
  summary: 'One entitlement with its usage, remaining quota and warnings.', params: entitlementParams, response: entitlementResult,
});
export const updateEntitlementOp = operation({
  ...common, id: 'updateEntitlement', method: 'PATCH', path: `${base}/{id}`,
  summary: 'Change any field but the token string; enabled: false disables (reversible). null clears a date or a limit. A revoked entitlement is a 409.',
  params: entitlementParams, body: updateEntitlementInput, response: entitlementResult,
});
export const deleteEntitlementOp = operation({
  ...common, id: 'deleteEntitlement', method: 'DELETE', path: `${base}/{id}`, status: 204,
  summary: 'Delete an entitlement (it stops working at once; its downloads stay in the repositories\' logs).', params: entitlementParams, response: z.null(),
});
export const refreshEntitlementOp = operation({
  ...common, id: 'refreshEntitlement', method: 'POST', path: `${base}/{id}/refresh`,
  summary: 'A new secret for the same entitlement: the old one stops working at once; usage and limits are kept.', params: entitlementParams, response: entitlementWithSecret,
});
export const revokeEntitlementOp = operation({
  ...common, id: 'revokeEntitlement', method: 'POST', path: `${base}/{id}/revoke`,
  summary: 'Revoke an entitlement (permanent; it stays listed as revoked).', params: entitlementParams, response: entitlementResult,
});
export const listEntitlementDownloadsOp = operation({
  ...common, id: 'listEntitlementDownloads', method: 'GET', path: `${base}/{id}/downloads`,
  summary: 'Every download through the entitlement, newest first. ?format=csv streams every row as text/csv with a header line (no pagination).',
  params: entitlementParams, query: entitlementDownloadsQuery, response: entitlementDownloadPage,
});
export const entitlementUsageOp = operation({
  ...common, id: 'entitlementUsage', method: 'GET', path: `${base}/{id}/usage`,
  summary: 'Downloads, bytes and distinct clients per UTC day, ?from=&to= (dates; default the last 30 days, at most 366).',
  params: entitlementParams, query: entitlementUsageQuery, response: usageSeriesView,
});
