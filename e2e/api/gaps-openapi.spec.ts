/**
 * Gap found from outside (issue 12): /api/v1/openapi.json describes the signed-URL, signing-key and
 * audit routes, and, read from the route files themselves, every management route that exists
 * (entitlements included once they land), so no route can be added without its description.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '../support/fixtures';
import { PROJECT_ROOT } from '../support/server';

type Doc = { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; requestBody?: unknown; responses: Record<string, unknown> }>> };

/** Every app/api/v1 route file as [OpenAPI path, implemented methods]. */
function routeFiles(): [string, string[]][] {
  const root = path.join(PROJECT_ROOT, 'app', 'api', 'v1');
  const out: [string, string[]][] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === 'route.ts') {
        const rel = path.relative(root, dir).split(path.sep).filter(Boolean);
        if (rel.includes('[...rest]') || rel.join('/') === 'openapi.json') continue;
        const api = `/api/v1/${rel.map((s) => s.replace(/^\[\.\.\.(.+)\]$/, '{$1}').replace(/^\[(.+)\]$/, '{$1}')).join('/')}`.replace(/\/$/, '');
        const text = readFileSync(full, 'utf8');
        const methods = [...text.matchAll(/export const (GET|POST|PUT|PATCH|DELETE) = route\(/g)].map((m) => m[1]!.toLowerCase());
        out.push([api, methods]);
      }
    }
  };
  walk(root);
  return out;
}

test('the signed-URL, signing-key and audit routes are described, with their parameters', async ({ api }) => {
  const res = await api.get<Doc>('/api/v1/openapi.json');
  expect(res.status).toBe(200);
  const doc = res.json;
  const mint = doc.paths['/api/v1/orgs/{org}/repos/{repo}/signed-urls']?.post;
  expect(mint, 'POST signed-urls').toBeTruthy();
  expect(mint!.requestBody).toBeTruthy();
  expect(Object.keys(mint!.responses)).toContain('201');
  expect(doc.paths['/api/v1/orgs/{org}/signing-key/rotate']?.post, 'POST signing-key/rotate').toBeTruthy();
  expect(doc.paths['/api/v1/orgs/{org}/signing-key']?.get, 'GET signing-key').toBeTruthy();
  const audit = doc.paths['/api/v1/orgs/{org}/audit']?.get;
  expect(audit, 'GET audit').toBeTruthy();
  const query = (audit!.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name).sort();
  expect(query).toEqual(['action', 'actor', 'cursor', 'format', 'from', 'limit', 'to']);
});

test('every management route file is in the document, with every method it implements', async ({ api }) => {
  const doc = (await api.get<Doc>('/api/v1/openapi.json')).json;
  const files = routeFiles();
  expect(files.length).toBeGreaterThan(20);
  for (const [p, methods] of files) {
    for (const m of methods) expect(doc.paths[p]?.[m], `${m.toUpperCase()} ${p} in openapi.json`).toBeTruthy();
  }
});
