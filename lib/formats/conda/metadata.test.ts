import { describe, expect, it } from 'vitest';
import { MetadataError, mismatch, parseAbout, parseIndex, readMetadata } from './metadata';
import { parsePackageFile } from './names';

const INDEX = {
  name: 'demo',
  version: '1.0.0',
  build: 'h123_0',
  build_number: 0,
  depends: ['python >=3.8', 'libzlib >=1.2.13,<2.0a0'],
  constrains: ['demo-extra 1.0.0'],
  subdir: 'linux-64',
  timestamp: 1700000000000,
  license: 'MIT',
  license_family: 'MIT',
  arch: 'x86_64',
  platform: 'linux',
  unknown_key: { kept: false },
};
const buf = (v: unknown) => Buffer.from(JSON.stringify(v));
const file = (f: string) => {
  const r = parsePackageFile(f);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};

describe('parseIndex', () => {
  it('keeps the repodata keys and drops the rest', () => {
    const { unknown_key: _unknown, ...expected } = INDEX;
    void _unknown;
    expect(parseIndex(buf(INDEX))).toEqual(expected);
  });

  it('defaults depends and accepts noarch packages with null arch and platform', () => {
    const idx = parseIndex(buf({ name: 'n', version: '1', build: 'py_0', build_number: 3, subdir: 'noarch', noarch: 'python', arch: null, platform: null }));
    expect(idx).toEqual({ name: 'n', version: '1', build: 'py_0', build_number: 3, depends: [], subdir: 'noarch', noarch: 'python', arch: null, platform: null });
  });

  it('says which field is wrong', () => {
    expect(() => parseIndex(Buffer.from('{not json'))).toThrow(MetadataError);
    expect(() => parseIndex(Buffer.from('{not json'))).toThrow(/not valid JSON/);
    expect(() => parseIndex(buf([]))).toThrow(/info\/index.json is not valid: the document/);
    expect(() => parseIndex(buf({ ...INDEX, build_number: -1 }))).toThrow(/build_number/);
    expect(() => parseIndex(buf({ ...INDEX, depends: 'python' }))).toThrow(/depends/);
    expect(() => parseIndex(buf({ ...INDEX, depends: ['ok', 7] }))).toThrow(/depends\.1/);
    const { subdir: _s, ...noSubdir } = INDEX;
    void _s;
    expect(() => parseIndex(buf(noSubdir))).toThrow(/subdir/);
  });
});

describe('parseAbout', () => {
  it('keeps the shown fields and ignores odd ones', () => {
    expect(parseAbout(buf({ summary: 'S', home: 'https://x', license: 'BSD', description: 7, extra: { a: 1 }, doc_url: '' }))).toEqual({ summary: 'S', home: 'https://x', license: 'BSD' });
    expect(parseAbout(undefined)).toBeUndefined();
    expect(parseAbout(Buffer.from('nope'))).toBeUndefined();
    expect(parseAbout(buf({ extra: 1 }))).toBeUndefined();
    expect(parseAbout(buf('text'))).toBeUndefined();
  });
});

describe('mismatch', () => {
  const idx = parseIndex(buf(INDEX));
  it('accepts a file named after its index.json, in its subdir', () => {
    expect(mismatch(idx, file('demo-1.0.0-h123_0.conda'), 'linux-64')).toBeNull();
    expect(mismatch(idx, file('demo-1.0.0-h123_0.tar.bz2'), null)).toBeNull();
  });
  it('names the field that disagrees', () => {
    expect(mismatch(idx, file('other-1.0.0-h123_0.conda'), 'linux-64')).toMatch(/name "other" but info\/index.json says "demo"/);
    expect(mismatch(idx, file('demo-1.0.1-h123_0.conda'), 'linux-64')).toMatch(/version "1.0.1"/);
    expect(mismatch(idx, file('demo-1.0.0-h123_1.conda'), 'linux-64')).toMatch(/build "h123_1"/);
    expect(mismatch(idx, file('demo-1.0.0-h123_0.conda'), 'noarch')).toMatch(/built for subdir "linux-64" .* uploaded to "noarch"/);
  });
});

describe('readMetadata', () => {
  it('reads what the upload stored and nothing else', () => {
    const index = parseIndex(buf(INDEX));
    expect(readMetadata(JSON.stringify({ index, about: { home: 'h' } }))).toEqual({ index, about: { home: 'h' } });
    expect(readMetadata('{}')).toBeNull();
    expect(readMetadata('null')).toBeNull();
    expect(readMetadata('{"index": {"name": 1}}')).toBeNull();
    expect(readMetadata('broken')).toBeNull();
  });
});
