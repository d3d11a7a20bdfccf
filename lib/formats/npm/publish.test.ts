import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mergeDistTags, parsePublish } from './publish';

const tgz = Buffer.from('fake tarball bytes');
const sha1 = crypto.createHash('sha1').update(tgz).digest('hex');
const sha512 = crypto.createHash('sha512').update(tgz).digest('base64');

function body(over: Record<string, unknown> = {}, dist: Record<string, unknown> = { shasum: sha1, integrity: `sha512-${sha512}` }) {
  return {
    _id: '@acme/lib',
    name: '@acme/lib',
    'dist-tags': { latest: '1.0.0' },
    versions: { '1.0.0': { name: '@acme/lib', version: '1.0.0', main: 'index.js', dist: { tarball: 'http://x/', ...dist } } },
    _attachments: { '@acme/lib-1.0.0.tgz': { content_type: 'application/octet-stream', data: tgz.toString('base64'), length: tgz.length } },
    ...over,
  };
}

describe('parsePublish', () => {
  it('accepts what npm publish sends', () => {
    const p = parsePublish(body(), '@acme/lib');
    expect(p.version).toBe('1.0.0');
    expect(p.file).toBe('lib-1.0.0.tgz');
    expect(p.tarball.equals(tgz)).toBe(true);
    expect(p.manifest).toEqual({ name: '@acme/lib', version: '1.0.0', main: 'index.js' });
    expect(p.distTags).toEqual({ latest: '1.0.0' });
  });

  it('accepts either digest alone', () => {
    expect(parsePublish(body({}, { shasum: sha1 }), '@acme/lib').version).toBe('1.0.0');
    expect(parsePublish(body({}, { integrity: `sha512-${sha512}` }), '@acme/lib').version).toBe('1.0.0');
  });

  it('rejects digests that do not match, or none', () => {
    expect(() => parsePublish(body({}, { shasum: '0'.repeat(40), integrity: `sha512-${sha512}` }), '@acme/lib')).toThrow(/shasum/);
    expect(() => parsePublish(body({}, { shasum: sha1, integrity: 'sha512-AAAA' }), '@acme/lib')).toThrow(/integrity/);
    expect(() => parsePublish(body({}, {}), '@acme/lib')).toThrow(/shasum or a sha512/);
  });

  it('rejects mismatched names, shapes and lengths', () => {
    expect(() => parsePublish(body(), 'other')).toThrow(/URL/);
    expect(() => parsePublish([], 'x')).toThrow();
    expect(() => parsePublish(body({ _attachments: undefined }), '@acme/lib')).toThrow(/_attachments/);
    expect(() => parsePublish(body({ 'dist-tags': { latest: '2.0.0' } }), '@acme/lib')).toThrow(/dist-tag/);
    const b = body();
    b._attachments['@acme/lib-1.0.0.tgz'].length = 3;
    expect(() => parsePublish(b, '@acme/lib')).toThrow(/declares/);
    const v = body({ versions: { 'x.y': { name: '@acme/lib', version: 'x.y' } } });
    expect(() => parsePublish(v, '@acme/lib')).toThrow(/semver/);
  });
});

describe('mergeDistTags', () => {
  it('merges over stored tags', () => {
    expect(JSON.parse(mergeDistTags('{"latest":"1.0.0","beta":"2.0.0-b"}', { latest: '1.1.0' }))).toEqual({ latest: '1.1.0', beta: '2.0.0-b' });
    expect(JSON.parse(mergeDistTags('broken', { latest: '1.0.0' }))).toEqual({ latest: '1.0.0' });
  });
});
