// The audit log as the API answers it, and its filters. Client-safe.
import { z } from 'zod';
import { pageQuery } from '@/lib/http/pagination';

const instant = (what: string) =>
  z
    .string()
    .trim()
    .refine((s) => /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s)), `${what}: use an ISO 8601 date or date-time, e.g. 2026-12-01 or 2026-12-01T09:00:00Z.`);

export const auditQuery = pageQuery
  .extend({
    /** The actor's e-mail, or part of it (case-insensitive). */
    actor: z.string().trim().toLowerCase().max(320).optional(),
    /** One action (`token.revoked`), or every action of a kind (`token`, `token.*`). */
    action: z
      .string()
      .trim()
      .max(100)
      .regex(/^[a-z_]+(\.[a-z_]+)?(\.\*)?$|^[a-z_]+\*?$/, 'Use an action such as token.revoked, or a kind such as token or token.*.')
      .optional(),
    /** At or after this instant. */
    from: instant('from').optional(),
    /** Before this instant. */
    to: instant('to').optional(),
    /** `csv`: the whole filtered log as a streamed CSV file (limit and cursor are ignored). */
    format: z.enum(['json', 'csv'], { error: 'Use json or csv.' }).default('json'),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), { path: ['to'], message: '"to" must be later than "from".' });

export const auditEventView = z.object({
  id: z.string(),
  at: z.string(),
  /** Who: the user (e-mail snapshot at the time), or "anonymous" for failed sign-ins. */
  actor: z.object({ id: z.string().nullable(), label: z.string() }),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string().nullable(), label: z.string() }),
  address: z.string(),
  userAgent: z.string(),
  /** The credential the actor used: session, pat (with the token's id), signed_url, anonymous, system. */
  credential: z.object({ type: z.string(), id: z.string().nullable() }),
  /** Details of the change (before/after, roles…); never a secret. */
  data: z.record(z.string(), z.unknown()),
});
