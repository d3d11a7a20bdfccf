// The console's upload of a PyPI file (ingest-types.ts): only a file name and
// the bytes. The project and version come from the archive, and the file is
// stored where twine's upload puts it, `{normalized name}/{filename}`. The
// client may also name that path itself (as the file listing shows it).
import type { Ingest } from '@/lib/formats/ingest-types';
import { badRequest } from '@/lib/http/errors';
import { storeDistribution } from './distribution';

export const ingestPypi: Ingest = async (actor, repo, name, body, opts) => {
  const segments = name.split('/');
  if (segments.length > 2 || segments.some((s) => !s)) throw badRequest('Upload a distribution by its file name (or {project}/{file name}).');
  const filename = segments.pop()!;
  const [directory] = segments;
  return storeDistribution(actor, repo, filename, body, { directory, declaredSize: opts.declaredSize });
};
