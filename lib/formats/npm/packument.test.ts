import { describe, expect, it } from 'vitest';
import { renderPackument } from './packument';

const t0 = new Date('2024-01-01T00:00:00.000Z');
const t1 = new Date('2024-02-01T00:00:00.000Z');

describe('renderPackument', () => {
  it('renders versions with our dist, dist-tags and times', () => {
    const doc = renderPackument(
      {
        name: '@acme/lib',
        distTags: JSON.stringify({ latest: '1.1.0', beta: '9.9.9' }),
        createdAt: t0,
        updatedAt: t1,
        versions: [
          { version: '1.0.0', metadata: JSON.stringify({ name: '@acme/lib', version: '1.0.0', main: 'index.js', dist: { tarball: 'http://evil/' } }), createdAt: t0, tarball: { path: '@acme/lib/-/lib-1.0.0.tgz', sha1: 'abc', sha512: 'ZZZ=' } },
          { version: '1.1.0', metadata: '{}', createdAt: t1, tarball: { path: '@acme/lib/-/lib-1.1.0.tgz', sha1: 'def', sha512: null } },
          { version: '2.0.0', metadata: '{}', createdAt: t1, tarball: null },
        ],
      },
      'http://h/t/tok/npm/o/r/',
    );
    expect(doc._id).toBe('@acme/lib');
    expect(doc['dist-tags']).toEqual({ latest: '1.1.0' }); // tags naming unknown versions are dropped
    expect(Object.keys(doc.versions)).toEqual(['1.0.0', '1.1.0']);
    expect(doc.versions['1.0.0']).toEqual({
      name: '@acme/lib',
      version: '1.0.0',
      main: 'index.js',
      _id: '@acme/lib@1.0.0',
      dist: { tarball: 'http://h/t/tok/npm/o/r/@acme/lib/-/lib-1.0.0.tgz', shasum: 'abc', integrity: 'sha512-ZZZ=' },
    });
    expect(doc.versions['1.1.0']!.dist).toEqual({ tarball: 'http://h/t/tok/npm/o/r/@acme/lib/-/lib-1.1.0.tgz', shasum: 'def' });
    expect(doc.time).toEqual({ created: t0.toISOString(), modified: t1.toISOString(), '1.0.0': t0.toISOString(), '1.1.0': t1.toISOString() });
  });

  it('survives broken stored JSON', () => {
    const doc = renderPackument({ name: 'x', distTags: 'nope', createdAt: t0, updatedAt: t0, versions: [{ version: '1.0.0', metadata: '[', createdAt: t0, tarball: { path: 'x/-/x-1.0.0.tgz', sha1: null, sha512: null } }] }, 'http://h/npm/o/r/');
    expect(doc['dist-tags']).toEqual({});
    expect(doc.versions['1.0.0']!.dist).toEqual({ tarball: 'http://h/npm/o/r/x/-/x-1.0.0.tgz' });
  });
});
