// A package's own metadata: info/index.json (the repodata record, less the
// digests) and the few info/about.json fields channeldata.json shows. Checked
// with zod and kept as the artifact's metadata, so index pages are rendered
// from the database and never from archives.
import { z } from 'zod';
import type { PackageFile } from './names';

const text = (max: number) => z.string().max(max);
const specs = z.array(text(2_000)).max(10_000);

/** The index.json keys a repodata record carries (conda-index keeps the same ones). */
export const indexSchema = z.object({
  name: text(200),
  version: text(128),
  build: text(128),
  build_number: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  depends: specs.default([]),
  constrains: specs.optional(),
  subdir: text(64),
  license: text(1_000).optional(),
  license_family: text(200).optional(),
  timestamp: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
  noarch: z.union([text(64), z.boolean()]).optional(),
  arch: text(64).nullable().optional(),
  platform: text(64).nullable().optional(),
  features: text(1_000).optional(),
  track_features: text(1_000).optional(),
  python_site_packages_path: text(1_000).optional(),
});
export type IndexRecord = z.infer<typeof indexSchema>;

// about.json is optional and free-form: a field that is missing or odd is dropped, never an error.
const aboutText = text(20_000).optional().catch(undefined);
const aboutSchema = z.object({
  summary: aboutText,
  description: aboutText,
  home: aboutText,
  license: aboutText,
  license_family: aboutText,
  dev_url: aboutText,
  doc_url: aboutText,
  source_url: aboutText,
});
export type About = { [K in keyof z.infer<typeof aboutSchema>]?: string };

/** What an artifact's metadata holds for a conda package. */
export type CondaMetadata = { index: IndexRecord; about?: About };

export class MetadataError extends Error {}

function parseJson(buf: Buffer, member: string): unknown {
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch {
    throw new MetadataError(`${member} is not valid JSON.`);
  }
}

/** index.json, checked; a MetadataError says what is wrong. */
export function parseIndex(buf: Buffer): IndexRecord {
  const parsed = indexSchema.safeParse(parseJson(buf, 'info/index.json'));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length ? issue.path.join('.') : 'the document';
  throw new MetadataError(`info/index.json is not valid: ${where}: ${issue.message}`);
}

/** The about.json fields we show; undefined when there are none (or it is unreadable). */
export function parseAbout(buf: Buffer | undefined): About | undefined {
  if (!buf) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(buf.toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = aboutSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const kept = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => typeof v === 'string' && v !== '')) as About;
  return Object.keys(kept).length ? kept : undefined;
}

/**
 * Why the archive's index.json disagrees with its file name or the subdir it
 * is uploaded to (null when they agree). conda trusts both, so both must hold.
 */
export function mismatch(index: IndexRecord, file: PackageFile, subdir: string | null): string | null {
  for (const key of ['name', 'version', 'build'] as const) {
    if (index[key] !== file[key]) {
      return `The file name says ${key} "${file[key]}" but info/index.json says "${index[key]}": name the file {name}-{version}-{build}${file.ext} from its index.json.`;
    }
  }
  if (subdir !== null && index.subdir !== subdir) {
    return `The package is built for subdir "${index.subdir}" (info/index.json) but was uploaded to "${subdir}".`;
  }
  return null;
}

/**
 * Reads a stored artifact's metadata back; null when it is not a conda
 * package's. It was checked on upload, so only its shape is looked at here
 * (this runs once per file when a page is rendered).
 */
export function readMetadata(json: string): CondaMetadata | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  const index = (value as { index?: Partial<IndexRecord> } | null)?.index;
  if (!index || typeof index !== 'object' || typeof index.name !== 'string' || typeof index.version !== 'string' || typeof index.subdir !== 'string') return null;
  const about = (value as { about?: unknown }).about;
  return { index: index as IndexRecord, ...(about && typeof about === 'object' ? { about: about as About } : {}) };
}
