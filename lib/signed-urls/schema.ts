// Signed URL and signing-key fields: one schema for the share dialog, the API
// and the OpenAPI document. Client-safe.
import ms from 'ms';
import { z } from 'zod';

export const DEFAULT_SIGNED_EXPIRY = '1h';
export const MAX_SIGNED_EXPIRY_MS = 30 * 24 * 3600 * 1000;

/** `2s`, `1h`, `7d`, `2w` → milliseconds (at most 30 days); undefined when not such a duration. */
export function parseSignedExpiry(text: string): number | undefined {
  const t = text.replace(/\s+/g, '');
  if (!/^\d{1,7}[smhdw]$/.test(t)) return undefined;
  const value = ms(t as ms.StringValue);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

export const signedExpiresIn = z
  .string()
  .trim()
  .refine((s) => parseSignedExpiry(s) !== undefined, 'Use a duration such as 1h, 12h, 7d or 30d.')
  .refine((s) => (parseSignedExpiry(s) ?? 0) <= MAX_SIGNED_EXPIRY_MS, 'A signed URL lives at most 30 days (30d).');

export const mintSignedUrlInput = z.object({
  path: z
    .string({ error: 'Name the file: its path as the Files tab shows it.' })
    .trim()
    .min(1, 'Name the file: its path as the Files tab shows it.')
    .max(1024, 'Use at most 1024 characters.'),
  expiresIn: signedExpiresIn.optional(),
});

export const signedUrlView = z.object({
  url: z.string(),
  expiresAt: z.string(),
  path: z.string(),
  /** The signing-key version that signed it: rotating the key past it refuses the URL. */
  keyVersion: z.number(),
});

export const signingKeyView = z.object({ version: z.number() });
export const signingKeyStatusView = z.object({
  version: z.number(),
  /** When the current key was made (null: not yet, it is made by the first signed URL). */
  createdAt: z.string().nullable(),
});
