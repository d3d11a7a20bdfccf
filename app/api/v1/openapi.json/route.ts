import { env } from '@/lib/env';
import { openApiDocument } from '@/lib/http/openapi';
import { json } from '@/lib/http/respond';

export function GET() {
  return json(openApiDocument(env().publicUrl));
}
