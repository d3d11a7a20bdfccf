// The actor of a server component or server action (the console pages): the
// same resolution as the API wrapper, from Next's request cookies and headers.
import { cookies, headers } from 'next/headers';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';
import { resolveActor } from '@/lib/http/principal';
import { requestMeta, type Actor } from './actor';

export async function currentActor(): Promise<Actor> {
  const [c, h] = await Promise.all([cookies(), headers()]);
  return resolveActor(
    { cookie: (name) => c.get(name)?.value, authorization: null },
    requestMeta(h.get(CLIENT_ADDRESS_HEADER), h.get('user-agent')),
  );
}
