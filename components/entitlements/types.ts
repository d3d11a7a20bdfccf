// The API's entitlement views, as the console reads them (z.output of lib/entitlements/schema.ts).
import type { z } from 'zod';
import type {
  entitlementDownloadView,
  entitlementView,
  entitlementWithSecret,
  quotaView,
  usagePointView,
  usageSeriesView,
  warningView,
} from '@/lib/entitlements/schema';

export type { EntitlementStatus } from '@/lib/entitlements/schema';
export type Entitlement = z.output<typeof entitlementView>;
/** A create or refresh answer: the only place a secret is ever seen. */
export type CreatedEntitlement = z.output<typeof entitlementWithSecret>;
export type Quota = z.output<typeof quotaView>;
export type Warning = z.output<typeof warningView>;
export type UsageDay = z.output<typeof usagePointView>;
export type UsageSeries = z.output<typeof usageSeriesView>;
export type EntitlementDownload = z.output<typeof entitlementDownloadView>;
