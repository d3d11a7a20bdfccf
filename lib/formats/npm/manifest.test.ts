import { describe, expect, it } from 'vitest';
import { chooseReadme, packedManifest } from './manifest';

const json = (v: unknown) => Buffer.from(JSON.stringify(v));
const tree = (files: string[] = [], texts: Record<string, string> = {}) => ({ files: new Set(files), texts: new Map(Object.entries(texts)) });

describe('packedManifest', () => {
  it('builds what npm publish sends', () => {
    const p = packedManifest(
      json({ name: '@acme/lib', version: 'v1.2.3', main: 'lib/index.js', _private: 1, _id: 'forged', dist: { tarball: 'http://evil/' }, dependencies: { a: '^1' }, bin: './cli.js', funding: 'https://f', license: 'MIT' }),
      tree(['package.json', 'lib/index.js', 'lib/index.d.ts', 'cli.js', 'README.md'], { 'README.md': '# lib\n\nDoes things\nwell.\n\n## More' }),
    );
    expect(p).toEqual({
      name: '@acme/lib',
      version: '1.2.3',
      manifest: {
        name: '@acme/lib', version: '1.2.3', _id: '@acme/lib@1.2.3', main: 'lib/index.js', dependencies: { a: '^1' }, bin: { lib: 'cli.js' }, funding: 'https://f', license: 'MIT',
        readme: '# lib\n\nDoes things\nwell.\n\n## More', readmeFilename: 'README.md', description: 'Does things well.', types: './lib/index.d.ts',
      },
    });
  });

  it('derives scripts, bundles, bins, mans, contributors and the shrinkwrap flag from the tarball', () => {
    const { manifest } = packedManifest(
      json({ name: 'native', version: '1.0.0', description: 'd', scripts: { test: 'node_modules/.bin/vitest', bad: 1 }, bundledDependencies: true, dependencies: { x: '1', y: '2' }, types: 'own.d.ts', directories: { bin: './bin', man: 'man' } }),
      tree(['package.json', 'binding.gyp', 'server.js', 'npm-shrinkwrap.json', 'index.d.ts', 'bin/a', 'bin/.hidden', 'man/a.1', 'man/notes.txt', 'AUTHORS'], { AUTHORS: '# people\nAnn <ann@x.org>\n\nBob (https://bob)\n' }),
    );
    expect(manifest.scripts).toEqual({ test: 'vitest', install: 'node-gyp rebuild', start: 'node server.js' });
    expect(manifest.gypfile).toBe(true);
    expect(manifest.bundleDependencies).toEqual(['x', 'y']);
    expect(manifest).not.toHaveProperty('bundledDependencies');
    expect(manifest._hasShrinkwrap).toBe(true);
    expect(manifest.types).toBe('own.d.ts');
    expect(manifest.bin).toEqual({ a: 'bin/a' });
    expect(manifest.man).toEqual(['man/a.1']);
    expect(manifest.contributors).toEqual([{ name: 'Ann', email: 'ann@x.org' }, { name: 'Bob', url: 'https://bob' }]);
    expect(manifest.readme).toBe('ERROR: No README data found!');
  });

  it('leaves an install script and gypfile:false alone; drops invalid scripts and bins', () => {
    const { manifest } = packedManifest(json({ name: 'n', version: '1.0.0', scripts: { install: 'make' } }), tree(['x.gyp']));
    expect(manifest.scripts).toEqual({ install: 'make' });
    const other = packedManifest(json({ name: 'n', version: '1.0.0', gypfile: false, scripts: 'no', bin: { '': 'x', y: 3 } }), tree(['x.gyp'])).manifest;
    expect(other).not.toHaveProperty('scripts');
    expect(other).not.toHaveProperty('bin');
  });

  it('rejects what is not a package', () => {
    expect(() => packedManifest(Buffer.from('{'), tree())).toThrow(/not valid JSON/);
    expect(() => packedManifest(json([1]), tree())).toThrow(/JSON object/);
    expect(() => packedManifest(json({ version: '1.0.0' }), tree())).toThrow(/no name/);
    expect(() => packedManifest(json({ name: 'Upper', version: '1.0.0' }), tree())).toThrow(/not a valid npm package name/);
    expect(() => packedManifest(json({ name: 'x' }), tree())).toThrow(/no version/);
    expect(() => packedManifest(json({ name: 'x', version: '1.0' }), tree())).toThrow(/not a valid semver/);
    expect(packedManifest(Buffer.from(`\uFEFF${JSON.stringify({ name: 'x', version: '1.0.0' })}`), tree()).name).toBe('x');
  });
});

describe('chooseReadme', () => {
  it('prefers markdown, then a bare README', () => {
    expect(chooseReadme(['README', 'README.md', 'readme.txt'])).toBe('README.md');
    expect(chooseReadme(['README.txt', 'README'])).toBe('README');
    expect(chooseReadme(['README.txt', 'docs/README.md', 'index.js'])).toBeUndefined();
  });
});
