// What keeps a stored file from ever running as a page on the console's
// origin (docs/security.md, "Artifacts are never pages"). Anyone who can sign
// up can upload a file; if `notes.html` or `logo.svg` were rendered on the
// origin that also serves the console, its script would run with a signed-in
// visitor's session and could mint tokens in the visitor's organizations.
// So every native answer is sandboxed and never sniffed, every file goes as an
// attachment, and types a browser would execute are sent as opaque bytes.
// The headers also keep /t/<token>/ URLs out of Referer.

/** On every native answer: files, index pages and errors alike. */
export const GUARD_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; sandbox",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

// Types a browser renders as a document or runs as script: HTML, XHTML, SVG,
// any XML (XSLT can script), JavaScript/ECMAScript, and old plug-in types.
const ACTIVE = /html|xml|javascript|ecmascript|jscript|x-shockwave-flash|xsl|text\/cache-manifest|multipart\//i;

/** The Content-Type a stored file is served with: its own, unless a browser would run it. */
export function servedType(stored: string): string {
  return !stored || ACTIVE.test(stored) ? 'application/octet-stream' : stored;
}

/**
 * `attachment` with the file's name: a plain ASCII `filename` (what pip reads
 * and uses as the file name) and, when the name is not plain ASCII, the exact
 * name as RFC 6266's `filename*`.
 */
export function attachment(filename: string): string {
  const name = filename || 'download';
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  if (ascii === name) return `attachment; filename="${ascii}"`;
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
