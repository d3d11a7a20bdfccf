/**
 * The `callbackUrl` a sign-in may go to: only a same-site path ("/acme/members"),
 * never another origin ("//evil.example", "https://…", "/\evil") — an open
 * redirect would let a phishing link bounce through our sign-in page.
 */
export function safeCallbackUrl(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length > 2000) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, 'http://same.invalid');
  } catch {
    return fallback;
  }
  if (url.origin !== 'http://same.invalid') return fallback;
  // Back to the sign-in or sign-up page would be a loop.
  if (url.pathname === '/signin' || url.pathname === '/signup') return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The first value of a search parameter. */
export const firstParam = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;
