// npm: packuments, tarballs, publish and dist-tags (handler.ts).
import { defineFormat } from '@/lib/formats/format-types';
import { npmClient } from './client';
import { handleNpm } from './handler';
import { ingestNpm } from './ingest';
import { liveDistTags } from './packument';

export const npm = defineFormat({
  id: 'npm',
  client: npmClient,
  usage: 'Use /npm/{org}/{repo}/ as the registry.',
  handle: handleNpm,
  ingest: ingestNpm,
  storedName: (name) => name.toLowerCase(),
  // As the packument shows them: only tags naming a live version, latest moved down if needed.
  packageTags: liveDistTags,
  latestVersion: (versions, tags) => tags.latest || (versions[0] ?? null),
});
