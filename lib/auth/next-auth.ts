// next-auth configuration: the browser's e-mail + password sign-in. The
// credentials are checked by the same service as POST /api/v1/session
// (rate limits, audit, a Session row); the JWT cookie carries that row's id.
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { signInInput } from '@/lib/accounts/schema';
import { signIn } from '@/lib/accounts/service';
import { env } from '@/lib/env';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';
import { isApiError } from '@/lib/http/errors';
import { requestMeta } from './actor';
import { endSession, SESSION_MAX_AGE_SECONDS } from './session';

function header(headers: unknown, name: string): string {
  const h = headers as Record<string, string | string[] | undefined> | undefined;
  const v = h?.[name];
  return (Array.isArray(v) ? v[0] : v) ?? '';
}

export function authOptions(): NextAuthOptions {
  return {
    secret: env().authSecret,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/signin', error: '/signin' },
    providers: [
      CredentialsProvider({
        name: 'E-mail and password',
        credentials: { email: { label: 'E-mail', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(credentials, req) {
          const parsed = signInInput.safeParse(credentials ?? {});
          if (!parsed.success) throw new Error('invalid_request');
          const meta = requestMeta(header(req?.headers, CLIENT_ADDRESS_HEADER), header(req?.headers, 'user-agent'));
          try {
            const { user, session } = await signIn(parsed.data, meta);
            return { id: user.id, email: user.email, name: user.name, sid: session.id };
          } catch (err) {
            // The sign-in page reads these codes to explain the refusal.
            if (isApiError(err) && err.status === 429) throw new Error(`rate_limited:${err.headers?.['Retry-After'] ?? '60'}`);
            if (isApiError(err) && err.status === 401) return null;
            throw err;
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.sid = (user as { sid?: string }).sid;
        return token;
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === 'string') await endSession(token.sid);
      },
    },
  };
}
