// PROVISIONAL until lib/entitlements/schema.ts lands on ent-api: then every
// type here becomes a z.output of its schema.
export type EntitlementStatus = 'active' | 'disabled' | 'revoked' | 'expired';

export type Entitlement = {
  id: string;
  name: string;
  customer: string;
  description: string;
  repositories: string[];
  tags: string[];
  metadata: Record<string, unknown>;
  validFrom: string | null;
  validUntil: string | null;
  maxDownloads: number | null;
  maxClients: number | null;
  maxBytes: number | null;
  allowedCidrs: string[];
  pathPatterns: string[];
  enabled: boolean;
  status: EntitlementStatus;
  prefix: string;
  lastFour: string;
  createdAt: string;
  updatedAt: string;
  revokedAt: string | null;
  usage: { downloads: number; bytes: number; clients: number; lastDownloadAt: string | null };
  warnings: unknown[];
};

export type CreatedEntitlement = { entitlement: Entitlement; secret: string };

export type UsageDay = { date: string; downloads: number; bytes: number; clients: number };

export type EntitlementDownload = { at: string; path: string; bytes: number; clientAddress: string; userAgent: string };
