// Raw files: any file at any path (GET/HEAD/PUT /raw/{org}/{repo}/{path…}).
import { putArtifact } from '@/lib/artifacts/service';
import { defineFormat, noTags } from '@/lib/formats/format-types';
import { rawClient } from './client';
import { handleRaw } from './handler';

export const raw = defineFormat({
  id: 'raw',
  client: rawClient,
  usage: 'Use /raw/{org}/{repo}/{path}.',
  handle: handleRaw,
  ingest: (actor, repo, path, body, opts) => putArtifact(actor, repo, path, body, { declaredSize: opts.declaredSize }),
  storedName: (name) => name.toLowerCase(),
  packageTags: noTags,
  latestVersion: (versions) => versions[0] ?? null,
});
