// The console's upload of a PyPI file (ingest-types.ts): only a file name and
// the bytes. The project and version come from the archive, and the file is
// stored where twine's upload puts it, `{normalized name}/{filename}`. The
// client may also name that path itself (as the file listing shows it).
import { folderAndFile, type Ingest } from '@/lib/formats/ingest-types';
import { storeDistribution } from './distribution';

export const ingestPypi: Ingest = async (actor, repo, name, body, opts) => {
  const { folder, file } = folderAndFile(name, 'Upload a distribution by its file name (or {project}/{file name}).');
  return storeDistribution(actor, repo, file, body, { directory: folder, declaredSize: opts.declaredSize });
};
