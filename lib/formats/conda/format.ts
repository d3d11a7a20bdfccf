// Conda: a channel's index pages and packages (handler.ts).
import { defineFormat, highest, noTags } from '@/lib/formats/format-types';
import { condaClient } from './client';
import { handleConda } from './handler';
import { ingestConda } from './ingest';
import { compareVersions } from './version';

export const conda = defineFormat({
  id: 'conda',
  client: condaClient,
  usage: 'Use /conda/{org}/{repo}/ as the channel.',
  handle: handleConda,
  ingest: ingestConda,
  storedName: (name) => name.toLowerCase(),
  packageTags: noTags,
  latestVersion: (versions) => highest(versions, compareVersions),
});
