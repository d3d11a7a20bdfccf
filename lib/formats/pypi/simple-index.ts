// The simple repository API pages: PEP 503 HTML and PEP 691 JSON, chosen by
// the Accept header. Pure: the handler supplies names, files and URLs.

export const JSON_TYPE = 'application/vnd.pypi.simple.v1+json';
const JSON_TYPES = [JSON_TYPE, 'application/vnd.pypi.simple.latest+json'];
const HTML_TYPES = ['application/vnd.pypi.simple.v1+html', 'application/vnd.pypi.simple.latest+html', 'text/html', '*/*'];

const HTML_TYPE = 'text/html; charset=utf-8';

/** The content type of a page in the negotiated form. */
export const pageType = (asJson: boolean) => (asJson ? JSON_TYPE : HTML_TYPE);

export type IndexFile = { filename: string; url: string; sha256: string; requiresPython?: string | null; yanked?: boolean };
export type Page = { contentType: string; body: string };

/** PEP 691 negotiation: JSON when the client rates it at least as high as any HTML form. */
export function wantsJson(accept: string | undefined): boolean {
  if (!accept) return false;
  let json = 0;
  let html = 0;
  for (const part of accept.split(',')) {
    const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q)) continue;
    if (JSON_TYPES.includes(type)) json = Math.max(json, q);
    else if (HTML_TYPES.includes(type)) html = Math.max(html, q);
  }
  return json > 0 && json >= html;
}

export const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const html = (title: string, links: string[]): Page => ({
  contentType: HTML_TYPE,
  body:
    '<!DOCTYPE html>\n<html>\n<head>\n<meta name="pypi:repository-version" content="1.0">\n' +
    `<title>${escapeHtml(title)}</title>\n</head>\n<body>\n<h1>${escapeHtml(title)}</h1>\n` +
    links.map((l) => `${l}<br>\n`).join('') +
    '</body>\n</html>\n',
});

const json = (body: object): Page => ({ contentType: JSON_TYPE, body: JSON.stringify({ meta: { 'api-version': '1.0' }, ...body }) });

/** The list of projects. `projectUrl(name)` gives each project page's URL. */
export function renderProjects(names: string[], projectUrl: (name: string) => string, asJson: boolean): Page {
  if (asJson) return json({ projects: names.map((name) => ({ name })) });
  return html('Simple index', names.map((n) => `<a href="${escapeHtml(projectUrl(n))}">${escapeHtml(n)}</a>`));
}

/** One project's files, each link carrying its sha256 (and requires-python, yanked). */
export function renderProject(name: string, files: IndexFile[], asJson: boolean): Page {
  if (asJson) {
    return json({
      name,
      files: files.map((f) => ({
        filename: f.filename,
        url: f.url,
        hashes: { sha256: f.sha256 },
        ...(f.requiresPython ? { 'requires-python': f.requiresPython } : {}),
        ...(f.yanked ? { yanked: true } : {}),
      })),
    });
  }
  return html(
    `Links for ${name}`,
    files.map((f) => {
      const rp = f.requiresPython ? ` data-requires-python="${escapeHtml(f.requiresPython)}"` : '';
      const yanked = f.yanked ? ' data-yanked=""' : '';
      return `<a href="${escapeHtml(`${f.url}#sha256=${f.sha256}`)}"${rp}${yanked}>${escapeHtml(f.filename)}</a>`;
    }),
  );
}
