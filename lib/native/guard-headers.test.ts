import { describe, expect, it } from 'vitest';
import { attachment, servedType } from './guard-headers';

describe('servedType', () => {
  it.each([
    'text/html', 'text/html; charset=utf-8', 'application/xhtml+xml', 'image/svg+xml', 'text/xml', 'application/xml',
    'application/rss+xml', 'text/javascript', 'application/javascript', 'application/ecmascript', 'application/x-shockwave-flash',
    'text/xsl', 'multipart/x-mixed-replace', '',
  ])('sends %j as opaque bytes', (type) => expect(servedType(type)).toBe('application/octet-stream'));

  it.each(['application/gzip', 'application/zip', 'text/plain', 'application/json', 'image/png', 'application/octet-stream'])(
    'keeps %j',
    (type) => expect(servedType(type)).toBe(type),
  );
});

describe('attachment', () => {
  it('names a plain file as pip reads it', () => {
    expect(attachment('acme_lib-1.0-py3-none-any.whl')).toBe('attachment; filename="acme_lib-1.0-py3-none-any.whl"');
  });
  it('keeps quotes and backslashes out of the quoted name', () => {
    expect(attachment('a"b\\c.txt')).toBe('attachment; filename="a_b_c.txt"; filename*=UTF-8\'\'a%22b%5Cc.txt');
  });
  it('gives a non-ASCII name exactly in filename* and a safe fallback', () => {
    expect(attachment('résumé (1).pdf')).toBe('attachment; filename="r_sum_ (1).pdf"; filename*=UTF-8\'\'r%C3%A9sum%C3%A9%20%281%29.pdf');
  });
  it('cannot inject a header through control characters', () => {
    expect(attachment('a\r\nSet-Cookie: x=1')).not.toMatch(/[\r\n]/);
  });
});
