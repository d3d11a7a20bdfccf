// Sizes and digests as the repository pages show them.

const UNITS = ['KiB', 'MiB', 'GiB', 'TiB'] as const;
const integer = new Intl.NumberFormat('en-US');

/** "0 B", "912 B", "2.0 KiB", "14.3 MiB" (binary units, one decimal). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${Math.max(0, Math.round(bytes || 0))} B`;
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${UNITS[unit]}`;
}

/** "2,048 bytes", for titles next to formatBytes. */
export const exactBytes = (bytes: number): string => `${integer.format(bytes)} ${bytes === 1 ? 'byte' : 'bytes'}`;

/** The first 12 hex digits of a sha256: enough to tell files apart at a glance. */
export const shortSha = (sha256: string): string => sha256.slice(0, 12);
