import { openApiOp } from '@/lib/accounts/operations';
import { env } from '@/lib/env';
import { openApiDocument } from '@/lib/http/openapi';
import { endpoints, route } from '@/lib/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = endpoints(route(openApiOp, async () => openApiDocument(env().publicUrl)));
