import { env } from '@/lib/env';
import { openApiDocument } from '@/lib/http/openapi';
import { json } from '@/lib/http/respond';
import { notAllowed } from '@/lib/http/method-not-allowed';

export function GET() {
  return json(openApiDocument(env().publicUrl));
}

export const { POST, PUT, PATCH, DELETE } = notAllowed('GET');
