// PyPI: the simple index, files and twine's upload (handler.ts).
import { defineFormat, highest, noTags } from '@/lib/formats/format-types';
import { pypiClient } from './client';
import { handlePypi } from './handler';
import { ingestPypi } from './ingest';
import { normalizeName } from './names';
import { comparePep440, isPrerelease } from './version';

export const pypi = defineFormat({
  id: 'pypi',
  client: pypiClient,
  usage: 'Use /pypi/{org}/{repo}/simple/.',
  handle: handlePypi,
  ingest: ingestPypi,
  storedName: normalizeName,
  packageTags: noTags,
  // The highest release by PEP 440; pre-releases only when there is nothing else.
  latestVersion(versions) {
    const releases = versions.filter((v) => !isPrerelease(v));
    return highest(releases.length ? releases : versions, comparePep440);
  },
});
