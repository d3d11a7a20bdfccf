import { describe, expect, it } from 'vitest';
import { MetadataError, parseCoreMetadata, parseHeaders } from './core-metadata';

const METADATA = [
  'Metadata-Version: 2.1',
  'Name: My_Pkg',
  'Version: 1.0.0',
  'Summary: A package',
  '  that spans two lines',
  'Requires-Python: >=3.8',
  'Classifier: A',
  'Classifier: B',
  'Description-Content-Type: text/markdown',
  '',
  'Name: not-a-header',
  'The description body.',
].join('\n');

describe('parseHeaders', () => {
  it('reads headers case-insensitively, keeps repeated ones and unfolds continuations', () => {
    const h = parseHeaders(METADATA);
    expect(h.get('name')).toEqual(['My_Pkg']);
    expect(h.get('classifier')).toEqual(['A', 'B']);
    expect(h.get('summary')).toEqual(['A package that spans two lines']);
  });

  it('stops at the body, CRLF included, and at a line that is not a header', () => {
    expect(parseHeaders('Name: a\r\nVersion: 1\r\n\r\nName: b\r\n').get('name')).toEqual(['a']);
    expect(parseHeaders('Name: a\nthis is not a header\nVersion: 1\n').get('version')).toBeUndefined();
    expect(parseHeaders('\uFEFFName: a\n').get('name')).toEqual(['a']);
  });

  it('keeps the old folded Description out of the other fields', () => {
    const h = parseHeaders('Name: a\nDescription: line one\n        |line two\n        |\nVersion: 2\n');
    expect(h.get('version')).toEqual(['2']);
    expect(h.get('description')).toEqual(['line one |line two |']);
  });
});

describe('parseCoreMetadata', () => {
  it('returns the fields the index needs', () => {
    expect(parseCoreMetadata(METADATA)).toEqual({
      name: 'My_Pkg',
      version: '1.0.0',
      requiresPython: '>=3.8',
      summary: 'A package that spans two lines',
    });
  });

  it('gives null for absent or empty optional fields and cuts long summaries', () => {
    expect(parseCoreMetadata('Name: a\nVersion: 1\nRequires-Python:\n')).toEqual({ name: 'a', version: '1', requiresPython: null, summary: null });
    expect(parseCoreMetadata(`Name: a\nVersion: 1\nSummary: ${'x'.repeat(600)}\n`).summary).toHaveLength(512);
  });

  it('refuses metadata without a valid Name or Version', () => {
    for (const text of ['', 'Version: 1\n', 'Name: a\n', 'Name: a b\nVersion: 1\n', 'Name: a\nVersion: 1 2\n', '\nName: a\nVersion: 1\n']) {
      expect(() => parseCoreMetadata(text), JSON.stringify(text)).toThrow(MetadataError);
    }
  });
});
