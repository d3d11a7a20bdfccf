// The server half of a format (lib/formats/registry.ts lists them): its native
// routes, its console/API upload, and what the packages API needs to know of
// its versions and names. The client half (client-types.ts) rides along.
import type { NativeFormat } from '@/lib/native/dispatch';
import type { FormatClient } from './client-types';
import type { Ingest } from './ingest-types';

export type FormatServer<Id extends string = string> = NativeFormat & {
  id: Id;
  client: FormatClient<Id>;
  /** The console/API upload (PUT /api/v1/orgs/{org}/repos/{repo}/files/{path…}). */
  ingest: Ingest;
  /** A package name as stored (PEP 503 for PyPI, lower-case otherwise). */
  storedName(name: string): string;
  /** The tags a package shows, from what is stored and its live versions (npm's dist-tags; none elsewhere). */
  packageTags(stored: string, versions: string[]): Record<string, string>;
  /**
   * The version a package page calls latest, of `versions` newest first: not
   * the newest upload where the format orders versions (a 1.9.1 backport
   * uploaded after 2.0 is not the latest).
   */
  latestVersion(versions: string[], tags: Record<string, string>): string | null;
};

export const defineFormat = <Id extends string>(format: FormatServer<Id>) => format;

/** The highest of `versions` by `compare`; null for none. */
export const highest = (versions: string[], compare: (a: string, b: string) => number): string | null =>
  versions.length ? versions.reduce((best, v) => (compare(v, best) > 0 ? v : best)) : null;

export const noTags = (): Record<string, string> => ({});
