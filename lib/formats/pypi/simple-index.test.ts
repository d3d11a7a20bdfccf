import { describe, expect, it } from 'vitest';
import { JSON_TYPE, renderProject, renderProjects, wantsJson } from './simple-index';

const sha = 'a'.repeat(64);

describe('wantsJson', () => {
  it('follows the Accept header of PEP 691', () => {
    expect(wantsJson(undefined)).toBe(false);
    expect(wantsJson('text/html')).toBe(false);
    expect(wantsJson('*/*')).toBe(false);
    expect(wantsJson(JSON_TYPE)).toBe(true);
    // what pip sends
    expect(wantsJson(`${JSON_TYPE}, application/vnd.pypi.simple.v1+html; q=0.1, text/html; q=0.01`)).toBe(true);
    expect(wantsJson(`${JSON_TYPE}; q=0.2, text/html`)).toBe(false);
    expect(wantsJson('application/vnd.pypi.simple.latest+json')).toBe(true);
    expect(wantsJson(`${JSON_TYPE};q=0`)).toBe(false);
  });
});

describe('renderProjects', () => {
  it('links every project, escaped', () => {
    const page = renderProjects(['a-b', 'x"<y'], (n) => `http://h/simple/${n}/`, false);
    expect(page.contentType).toMatch(/^text\/html/);
    expect(page.body).toContain('<a href="http://h/simple/a-b/">a-b</a>');
    expect(page.body).toContain('x&quot;&lt;y');
    expect(page.body).not.toContain('x"<y');
  });
  it('lists names in JSON', () => {
    const page = renderProjects(['a-b'], (n) => n, true);
    expect(page.contentType).toBe(JSON_TYPE);
    expect(JSON.parse(page.body)).toEqual({ meta: { 'api-version': '1.0' }, projects: [{ name: 'a-b' }] });
  });
});

describe('renderProject', () => {
  const files = [
    { filename: 'a_b-1.0-py3-none-any.whl', url: 'http://h/files/a-b/a_b-1.0-py3-none-any.whl', sha256: sha, requiresPython: '>=3.8,<4' },
    { filename: 'a-b-1.0.tar.gz', url: 'http://h/files/a-b/a-b-1.0.tar.gz', sha256: sha, requiresPython: null, yanked: true },
  ];
  it('renders PEP 503 links with the hash and escaped requires-python', () => {
    const { body } = renderProject('a-b', files, false);
    expect(body).toContain(
      `<a href="http://h/files/a-b/a_b-1.0-py3-none-any.whl#sha256=${sha}" data-requires-python="&gt;=3.8,&lt;4">a_b-1.0-py3-none-any.whl</a>`,
    );
    expect(body).toContain(`<a href="http://h/files/a-b/a-b-1.0.tar.gz#sha256=${sha}" data-yanked="">a-b-1.0.tar.gz</a>`);
    expect(body).toContain('<title>Links for a-b</title>');
  });
  it('renders PEP 691 JSON', () => {
    const page = renderProject('a-b', files, true);
    expect(JSON.parse(page.body)).toEqual({
      meta: { 'api-version': '1.0' },
      name: 'a-b',
      files: [
        { filename: files[0]!.filename, url: files[0]!.url, hashes: { sha256: sha }, 'requires-python': '>=3.8,<4' },
        { filename: files[1]!.filename, url: files[1]!.url, hashes: { sha256: sha }, yanked: true },
      ],
    });
  });
});
