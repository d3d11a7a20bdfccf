import { apiFetch } from '@/lib/http/client';

/**
 * Ends the session: DELETE /api/v1/session deletes the session row and
 * expires the cookie (Set-Cookie Max-Age=0). Then a full page load, so no
 * client-side cache of signed-in pages survives.
 */
export async function signOutAndGo(to = '/signin'): Promise<void> {
  try {
    await apiFetch('/api/v1/session', { method: 'DELETE' });
  } catch {
    // Already signed out (or the server is unreachable): going to the
    // sign-in page is still the right thing to do.
  }
  window.location.assign(to);
}
