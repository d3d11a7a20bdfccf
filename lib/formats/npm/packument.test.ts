import { describe, expect, it } from 'vitest';
import { fillTemplate, liveDistTags, renderAbbreviated, renderPackument, renderTemplate, wantsAbbreviated, type StoredPackage } from './packument';

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
    expect(doc['dist-tags']).toEqual({ latest: '1.0.0' });
    expect(doc.versions['1.0.0']!.dist).toEqual({ tarball: 'http://h/npm/o/r/x/-/x-1.0.0.tgz' });
  });
});

describe('liveDistTags', () => {
  it('drops tags of versions not shown and repairs latest', () => {
    expect(liveDistTags('{"latest":"2.0.0","beta":"3.0.0-b","next":"1.1.0"}', ['1.0.0', '1.1.0', '3.0.0-b'])).toEqual({ latest: '1.1.0', beta: '3.0.0-b', next: '1.1.0' });
    expect(liveDistTags('{"beta":"2.0.0-b"}', ['2.0.0-b'])).toEqual({ beta: '2.0.0-b', latest: '2.0.0-b' });
    expect(liveDistTags('{"latest":1}', [])).toEqual({});
  });
});

const pkg: StoredPackage = {
  name: '@acme/lib',
  distTags: '{"latest":"1.0.0"}',
  createdAt: t0,
  updatedAt: t1,
  versions: [
    {
      version: '1.0.0',
      metadata: JSON.stringify({
        name: '@acme/lib', version: '1.0.0', description: 'has \u0001 and "quotes" and @@x@@', readme: 'long', scripts: { postinstall: 'node x.js', test: 'vitest' },
        dependencies: { a: '^1' }, bin: { lib: 'cli.js' }, engines: { node: '>=20' }, os: ['linux'], _hasShrinkwrap: false,
      }),
      createdAt: t0,
      tarball: { path: '@acme/lib/-/lib-1.0.0.tgz', sha1: 'abc', sha512: 'ZZZ=' },
    },
    { version: '2.0.0', metadata: '{}', createdAt: t1, tarball: null },
  ],
};

describe('renderAbbreviated', () => {
  it('keeps only what an install reads, and derives hasInstallScript', () => {
    const doc = renderAbbreviated(pkg, 'http://h/npm/o/r/');
    expect(doc).toEqual({
      name: '@acme/lib',
      modified: t1.toISOString(),
      'dist-tags': { latest: '1.0.0' },
      versions: {
        '1.0.0': {
          name: '@acme/lib', version: '1.0.0', dependencies: { a: '^1' }, bin: { lib: 'cli.js' }, engines: { node: '>=20' }, os: ['linux'],
          _hasShrinkwrap: false, hasInstallScript: true,
          dist: { tarball: 'http://h/npm/o/r/@acme/lib/-/lib-1.0.0.tgz', shasum: 'abc', integrity: 'sha512-ZZZ=' },
        },
      },
    });
  });
});

describe('templates', () => {
  it('fill to exactly the direct rendering, per registry base', () => {
    for (const kind of ['full', 'abbreviated'] as const) {
      const template = renderTemplate(pkg, kind);
      expect(template).not.toContain('http://');
      for (const base of ['http://h/npm/o/r/', 'https://h:8443/t/tgp_a%2Bb/npm/o/r/']) {
        const direct = kind === 'full' ? renderPackument(pkg, base) : renderAbbreviated(pkg, base);
        expect(fillTemplate(template, base)).toBe(JSON.stringify(direct));
      }
    }
  });

  it('never substitutes inside what the publisher wrote', () => {
    const doc = JSON.parse(fillTemplate(renderTemplate(pkg, 'full'), 'http://h/$&/')) as { versions: Record<string, { description: string; dist: { tarball: string } }> };
    expect(doc.versions['1.0.0']!.description).toBe('has \u0001 and "quotes" and @@x@@');
    expect(doc.versions['1.0.0']!.dist.tarball).toBe('http://h/$&/@acme/lib/-/lib-1.0.0.tgz');
  });
});

describe('wantsAbbreviated', () => {
  it('follows npm\'s Accept headers', () => {
    expect(wantsAbbreviated('application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*')).toBe(true);
    expect(wantsAbbreviated('application/vnd.npm.install-v1+json')).toBe(true);
    expect(wantsAbbreviated('application/json')).toBe(false);
    expect(wantsAbbreviated('*/*')).toBe(false);
    expect(wantsAbbreviated(undefined)).toBe(false);
    expect(wantsAbbreviated('application/json, application/vnd.npm.install-v1+json; q=0.5')).toBe(false);
    expect(wantsAbbreviated('application/vnd.npm.install-v1+json; q=0')).toBe(false);
  });
});
