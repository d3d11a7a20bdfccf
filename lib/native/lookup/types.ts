// The download path's database access: two prepared statements per request
// (the repository with the requested file, and the token by its hash together
// with the owner's role and grants for that one repository), straight on the
// driver. Prisma costs several queries and ~1 ms of CPU here; this is the
// hot path, so it is the one place that speaks SQL directly. Reads only,
// except the entitlement limit counters (EntitlementCounters).
export type RepoFileRow = {
  repoId: string;
  orgId: string;
  format: string;
  visibility: string;
  /** The key of the repository's cached index pages (lib/formats/index-cache). */
  contentVersion: number;
  file: {
    sha256: string; blobKey: string; size: number; contentType: string; createdAt: Date; filename: string;
    /** The package and version the file belongs to (entitlement path patterns match them); null for raw files. */
    packageName: string | null; packageVersion: string | null;
  } | null;
};

export type TokenRow = {
  id: string;
  orgId: string;
  userId: string;
  email: string;
  name: string;
  type: string;
  scopes: string;
  allRepositories: boolean;
  revokedAt: Date | null;
  expiresAt: Date | null;
  /** The owner's role in the token's organization; null when no longer a member. */
  orgRole: string | null;
  /** The owner's role on the looked-up repository. */
  repoRole: string | null;
  /** Resource grants that apply to the looked-up repository (its id or "*"). */
  accesses: string[];
  /** Scope tokens: the looked-up repository is in the token's list. */
  covered: boolean;
};

/** An entitlement token by its hash, with whether it names the looked-up repository. */
export type EntitlementRow = {
  id: string;
  orgId: string;
  enabled: boolean;
  revokedAt: Date | null;
  validFrom: Date | null;
  validUntil: Date | null;
  maxDownloads: number | null;
  maxClients: number | null;
  maxBytes: number | null;
  downloadCount: number;
  bytesCount: number;
  allowedCidrs: string[];
  pathPatterns: string[];
  /** The looked-up repository is one of the entitlement's. */
  covered: boolean;
};

export interface DownloadLookup {
  repository(orgSlug: string, repoName: string, path: string): Promise<RepoFileRow | null>;
  token(secretHash: string, repoId: string): Promise<TokenRow | null>;
  entitlement(secretHash: string, repoId: string): Promise<EntitlementRow | null>;
  /** The entitlements' limit counters: the only writes of the download path, one atomic statement each. */
  counters: EntitlementCounters;
}

export interface EntitlementCounters {
  /**
   * Counts one download of `bytes` if, at that instant, it stays within
   * maxDownloads and maxBytes: one conditional UPDATE, so N concurrent
   * callers against a limit of M succeed exactly min(N, M) times.
   */
  consume(id: string, bytes: number): Promise<boolean>;
  /** Records `address` as a client: known, new (within maxClients, now counted) or refused (nothing kept). */
  admitClient(id: string, address: string): Promise<'known' | 'new' | 'refused'>;
  /** Takes back a client admitted as new whose download was then refused by another limit. */
  releaseClient(id: string, address: string): Promise<void>;
  /** The counters as they are now (to name the limit that refused a download). */
  read(id: string): Promise<{ downloadCount: number; bytesCount: number } | null>;
}
