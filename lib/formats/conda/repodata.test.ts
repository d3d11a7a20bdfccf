import { describe, expect, it } from 'vitest';
import type { IndexRecord } from './metadata';
import { renderChanneldata, renderRepodata, type ChannelFile } from './repodata';

const index = (over: Partial<IndexRecord> = {}): IndexRecord => ({
  name: 'demo',
  version: '1.0.0',
  build: 'h1_0',
  build_number: 0,
  depends: ['python >=3.8'],
  subdir: 'linux-64',
  ...over,
});
const file = (filename: string, over: Partial<IndexRecord> = {}, extra: Partial<ChannelFile> = {}): ChannelFile => ({
  filename,
  size: 123,
  sha256: 'a'.repeat(64),
  md5: 'b'.repeat(32),
  index: index(over),
  ...extra,
});

describe('renderRepodata', () => {
  it('is the conda channel format: .tar.bz2 under packages, .conda under packages.conda', () => {
    const doc = JSON.parse(
      renderRepodata('linux-64', [
        file('demo-1.0.0-h1_0.conda', { timestamp: 1700000000000, license: 'MIT', constrains: ['x >1'] }),
        file('demo-1.0.0-h1_0.tar.bz2', { arch: 'x86_64', platform: null }),
        file('demo-0.9-h1_0.tar.bz2', { version: '0.9' }, { removed: true }),
      ]),
    );
    expect(Object.keys(doc)).toEqual(['info', 'packages', 'packages.conda', 'removed', 'repodata_version']);
    expect(doc.info).toEqual({ subdir: 'linux-64' });
    expect(doc.repodata_version).toBe(1);
    expect(doc.removed).toEqual(['demo-0.9-h1_0.tar.bz2']);
    expect(doc.packages).toEqual({
      'demo-1.0.0-h1_0.tar.bz2': {
        arch: 'x86_64',
        build: 'h1_0',
        build_number: 0,
        depends: ['python >=3.8'],
        md5: 'b'.repeat(32),
        name: 'demo',
        sha256: 'a'.repeat(64),
        size: 123,
        subdir: 'linux-64',
        version: '1.0.0',
      },
    });
    const rec = doc['packages.conda']['demo-1.0.0-h1_0.conda'];
    expect(Object.keys(rec)).toEqual(['build', 'build_number', 'constrains', 'depends', 'license', 'md5', 'name', 'sha256', 'size', 'subdir', 'timestamp', 'version']);
    expect(rec.timestamp).toBe(1700000000000);
  });

  it('renders an empty subdir as a valid, empty index', () => {
    expect(JSON.parse(renderRepodata('noarch', []))).toEqual({ info: { subdir: 'noarch' }, packages: {}, 'packages.conda': {}, removed: [], repodata_version: 1 });
  });
});

describe('renderChanneldata', () => {
  it('lists each package with its subdirs, latest version (conda order) and about fields', () => {
    const doc = JSON.parse(
      renderChanneldata([
        file('demo-1.10.0-h1_0.conda', { version: '1.10.0', timestamp: 1700000000000, license: 'MIT' }, { about: { summary: 'new', home: 'https://new' } }),
        file('demo-1.9.0-h1_0.conda', { version: '1.9.0', subdir: 'osx-arm64', timestamp: 1800000000000 }, { about: { summary: 'old' } }),
        file('demo-2.0-h1_0.conda', { version: '2.0' }, { removed: true }),
        file('tool-0.1-py_0.tar.bz2', { name: 'tool', version: '0.1', subdir: 'noarch', noarch: 'python', license: 'BSD-3-Clause' }),
      ]),
    );
    expect(doc).toEqual({
      channeldata_version: 1,
      packages: {
        demo: { home: 'https://new', license: 'MIT', subdirs: ['linux-64', 'osx-arm64'], summary: 'new', timestamp: 1800000000, version: '1.10.0' },
        tool: { license: 'BSD-3-Clause', subdirs: ['noarch'], version: '0.1' },
      },
      subdirs: ['linux-64', 'noarch', 'osx-arm64'],
    });
  });

  it('is empty for an empty channel', () => {
    expect(JSON.parse(renderChanneldata([]))).toEqual({ channeldata_version: 1, packages: {}, subdirs: [] });
  });
});
