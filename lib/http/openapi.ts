// /api/v1/openapi.json, generated from the operations (lib/http/operation.ts)
// and their zod schemas: the same objects that validate requests.
import { z } from 'zod';
import '@/lib/api/operations';
import { allOperations } from './operation';

const errorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
      },
    },
  },
};

const toSchema = (s: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(s, { io, unrepresentable: 'any' });

export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of allOperations()) {
    const parameters: unknown[] = [];
    if (op.params) {
      for (const [name, schema] of Object.entries((toSchema(op.params, 'input') as { properties?: Record<string, unknown> }).properties ?? {})) {
        parameters.push({ name, in: 'path', required: true, schema });
      }
    }
    if (op.query) {
      const q = toSchema(op.query, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(q.properties ?? {})) parameters.push({ name, in: 'query', required: q.required?.includes(name) ?? false, schema });
    }
    const status = String(op.status ?? 200);
    paths[op.path] ??= {};
    paths[op.path]![op.method.toLowerCase()] = {
      operationId: op.id,
      summary: op.summary,
      tags: [op.tag],
      security: op.auth === 'none' ? [] : [{ session: [] }, { bearer: [] }],
      ...(parameters.length ? { parameters } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(op.body, 'input') } } } } : {}),
      ...(op.binaryBody
        ? { requestBody: { required: true, description: op.binaryBody.description, content: { [op.binaryBody.contentType]: { schema: { type: 'string', format: 'binary' } } } } }
        : {}),
      responses: {
        [status]: status === '204' || !op.response
          ? { description: 'Done' }
          : { description: 'Success', content: { 'application/json': { schema: toSchema(op.response, 'output') } } },
        default: { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Tollgate management API', version: '1', description: 'Errors share one shape; lists are cursor-paginated (`limit`, `cursor` → `items`, `nextCursor`).' },
    servers: [{ url: serverUrl }],
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'next-auth.session-token' },
        bearer: { type: 'http', scheme: 'bearer', description: 'A personal access token (tgp_…)' },
      },
    },
    paths,
  };
}
