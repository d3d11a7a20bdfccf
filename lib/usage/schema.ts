import { z } from 'zod';

export const downloadView = z.object({
  at: z.string(),
  path: z.string(),
  bytes: z.number(),
  credential: z.object({
    type: z.string(),
    /** A token's name, an entitlement's name, or "anonymous"; null when the credential is gone. */
    label: z.string().nullable(),
    /** The person behind a PAT or session. */
    user: z.string().nullable(),
  }),
  clientAddress: z.string(),
  userAgent: z.string(),
});
