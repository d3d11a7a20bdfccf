import { deleteFile } from '@/lib/artifacts/service';
import { json } from '@/lib/http/respond';
import { route } from '@/lib/http/route';
import { deleteFileOp } from '@/lib/repos/operations';
import { notAllowed } from '@/lib/http/method-not-allowed';

export const DELETE = route(deleteFileOp, async ({ actor, params }) => {
  await deleteFile(actor, params.org, params.repo, params.path.join('/'));
  return json(null, 204);
});

export const { GET, POST, PUT, PATCH } = notAllowed('DELETE');
