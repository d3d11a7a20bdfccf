// Account fields, shared by the sign-up and sign-in forms and the API.
import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@/lib/auth/password-policy';
import { orgName, orgSlug } from '@/lib/orgs/schema';

export const email = z
  .string({ error: 'Enter an e-mail address.' })
  .trim()
  .toLowerCase()
  .max(254, 'E-mail addresses are at most 254 characters.')
  .pipe(z.email({ error: 'Enter a valid e-mail address.' }));

export const personName = z
  .string({ error: 'Enter a name.' })
  .trim()
  .min(1, 'Enter a name.')
  .max(100, 'Names are at most 100 characters.');

export const newPassword = z
  .string({ error: 'Enter a password.' })
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`);

export const signupInput = z.object({
  email,
  name: personName,
  password: newPassword,
  orgName,
  orgSlug,
});
export type SignupInput = z.input<typeof signupInput>;

export const signInInput = z.object({
  email,
  password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(PASSWORD_MAX_LENGTH),
});
export type SignInInput = z.input<typeof signInInput>;

export const userSummary = z.object({ id: z.string(), email: z.string(), name: z.string() });
export const orgRoleSummary = z.object({ slug: z.string(), name: z.string(), role: z.string() });
export const currentUser = userSummary.extend({ orgs: z.array(orgRoleSummary) });
