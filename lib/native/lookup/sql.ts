// The two statements of the download path, written once for both databases
// (the only differences: placeholders and string aggregation).
export function statements(provider: 'sqlite' | 'postgresql') {
  const p = (n: number) => (provider === 'sqlite' ? '?' : `$${n}`);
  const agg = provider === 'sqlite' ? 'group_concat(tr."access", \',\')' : 'string_agg(tr."access", \',\')';
  return {
    repository: `SELECT r."id" AS "repoId", r."orgId" AS "orgId", r."format" AS "format", r."visibility" AS "visibility",
        r."contentVersion" AS "contentVersion",
        a."sha256" AS "sha256", a."blobKey" AS "blobKey", a."size" AS "size", a."contentType" AS "contentType",
        a."createdAt" AS "createdAt", a."filename" AS "filename", pk."name" AS "packageName", pv."version" AS "packageVersion"
      FROM "Repository" r
      JOIN "Organization" o ON o."id" = r."orgId"
      LEFT JOIN "Artifact" a ON a."repositoryId" = r."id" AND a."path" = ${p(1)}
      LEFT JOIN "PackageVersion" pv ON pv."id" = a."packageVersionId"
      LEFT JOIN "Package" pk ON pk."id" = pv."packageId"
      WHERE o."slug" = ${p(2)} AND r."name" = ${p(3)}`,
    // Parameters: repoId (three times, SQLite positional), secretHash.
    token: `SELECT t."id" AS "id", t."orgId" AS "orgId", t."userId" AS "userId", u."email" AS "email", u."name" AS "name",
        t."type" AS "type", t."scopes" AS "scopes", t."allRepositories" AS "allRepositories",
        t."revokedAt" AS "revokedAt", t."expiresAt" AS "expiresAt", m."role" AS "orgRole",
        (SELECT rr."role" FROM "RepositoryRole" rr WHERE rr."userId" = t."userId" AND rr."repositoryId" = ${p(1)}) AS "repoRole",
        (SELECT ${agg} FROM "TokenResource" tr WHERE tr."tokenId" = t."id" AND (tr."repositoryId" IS NULL OR tr."repositoryId" = ${p(provider === 'sqlite' ? 2 : 1)})) AS "accesses",
        (SELECT COUNT(*) FROM "TokenRepository" tp WHERE tp."tokenId" = t."id" AND tp."repositoryId" = ${p(provider === 'sqlite' ? 3 : 1)}) AS "covered"
      FROM "PersonalAccessToken" t
      JOIN "User" u ON u."id" = t."userId"
      LEFT JOIN "Membership" m ON m."userId" = t."userId" AND m."orgId" = t."orgId"
      WHERE t."secretHash" = ${p(provider === 'sqlite' ? 4 : 2)}`,
    // Parameters: repoId, secretHash.
    entitlement: `SELECT e."id" AS "id", e."orgId" AS "orgId", e."enabled" AS "enabled", e."revokedAt" AS "revokedAt",
        e."validFrom" AS "validFrom", e."validUntil" AS "validUntil", e."maxDownloads" AS "maxDownloads",
        e."maxClients" AS "maxClients", e."maxBytes" AS "maxBytes", e."downloadCount" AS "downloadCount",
        e."bytesCount" AS "bytesCount", e."allowedCidrs" AS "allowedCidrs", e."pathPatterns" AS "pathPatterns",
        (SELECT COUNT(*) FROM "EntitlementRepository" er WHERE er."entitlementId" = e."id" AND er."repositoryId" = ${p(1)}) AS "covered"
      FROM "EntitlementToken" e
      WHERE e."secretHash" = ${p(2)}`,
    // The limit counters (lib/native/lookup/types.ts EntitlementCounters).
    // Parameters: bytes, id, bytes.
    consume: `UPDATE "EntitlementToken" SET "downloadCount" = "downloadCount" + 1, "bytesCount" = "bytesCount" + ${p(1)}
      WHERE "id" = ${p(2)}
        AND ("maxDownloads" IS NULL OR "downloadCount" < "maxDownloads")
        AND ("maxBytes" IS NULL OR "bytesCount" + ${p(3)} <= "maxBytes")`,
    // Parameters: id.
    uncountClient: `UPDATE "EntitlementToken" SET "clientCount" = "clientCount" - 1 WHERE "id" = ${p(1)} AND "clientCount" > 0`,
    // Parameters: id, address, firstSeenAt.
    insertClient: `INSERT INTO "EntitlementClient" ("entitlementId", "address", "firstSeenAt") VALUES (${p(1)}, ${p(2)}, ${p(3)}) ON CONFLICT DO NOTHING`,
    // Parameters: id, address.
    deleteClient: `DELETE FROM "EntitlementClient" WHERE "entitlementId" = ${p(1)} AND "address" = ${p(2)}`,
    // Parameters: id.
    countClient: `UPDATE "EntitlementToken" SET "clientCount" = "clientCount" + 1
      WHERE "id" = ${p(1)} AND ("maxClients" IS NULL OR "clientCount" < "maxClients")`,
    // Parameters: id, address.
    knownClient: `SELECT 1 AS "known" FROM "EntitlementClient" WHERE "entitlementId" = ${p(1)} AND "address" = ${p(2)}`,
    // PostgreSQL only (SQLite runs admitClient's statements back to back in one tick). Parameters: id.
    lockClients: `SELECT "clientCount" AS "clientCount", "maxClients" AS "maxClients" FROM "EntitlementToken" WHERE "id" = ${p(1)}${provider === 'postgresql' ? ' FOR UPDATE' : ''}`,
    // Parameters: id.
    counters: `SELECT "downloadCount" AS "downloadCount", "bytesCount" AS "bytesCount" FROM "EntitlementToken" WHERE "id" = ${p(1)}`,
  };
}

type Raw = Record<string, unknown>;
const date = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));

export function toRepoFile(row: Raw | undefined): import('./types').RepoFileRow | null {
  if (!row) return null;
  return {
    repoId: String(row.repoId),
    orgId: String(row.orgId),
    format: String(row.format),
    visibility: String(row.visibility),
    contentVersion: Number(row.contentVersion),
    file: row.sha256
      ? {
          sha256: String(row.sha256),
          blobKey: String(row.blobKey),
          size: Number(row.size),
          contentType: String(row.contentType),
          createdAt: date(row.createdAt)!,
          filename: String(row.filename),
          packageName: row.packageName === null || row.packageName === undefined ? null : String(row.packageName),
          packageVersion: row.packageVersion === null || row.packageVersion === undefined ? null : String(row.packageVersion),
        }
      : null,
  };
}

export function toToken(row: Raw | undefined): import('./types').TokenRow | null {
  if (!row) return null;
  return {
    id: String(row.id),
    orgId: String(row.orgId),
    userId: String(row.userId),
    email: String(row.email),
    name: String(row.name),
    type: String(row.type),
    scopes: String(row.scopes),
    allRepositories: row.allRepositories === true || row.allRepositories === 1 || row.allRepositories === 1n,
    revokedAt: date(row.revokedAt),
    expiresAt: date(row.expiresAt),
    orgRole: (row.orgRole as string | null) ?? null,
    repoRole: (row.repoRole as string | null) ?? null,
    accesses: row.accesses ? String(row.accesses).split(',') : [],
    covered: Number(row.covered) > 0,
  };
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const list = (v: unknown): string[] => {
  try {
    const parsed = JSON.parse(String(v ?? '[]')) as unknown;
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};

export function toEntitlement(row: Raw | undefined): import('./types').EntitlementRow | null {
  if (!row) return null;
  return {
    id: String(row.id),
    orgId: String(row.orgId),
    enabled: row.enabled === true || row.enabled === 1 || row.enabled === 1n,
    revokedAt: date(row.revokedAt),
    validFrom: date(row.validFrom),
    validUntil: date(row.validUntil),
    maxDownloads: num(row.maxDownloads),
    maxClients: num(row.maxClients),
    maxBytes: num(row.maxBytes),
    downloadCount: Number(row.downloadCount),
    bytesCount: Number(row.bytesCount),
    allowedCidrs: list(row.allowedCidrs),
    pathPatterns: list(row.pathPatterns),
    covered: Number(row.covered) > 0,
  };
}
