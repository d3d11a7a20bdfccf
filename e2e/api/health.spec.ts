import { expect, test } from '../support/fixtures';

test.describe('health and unknown API paths', () => {
  test('GET /api/v1/health answers 200 {"status":"ok"}', async ({ api }) => {
    const res = await api.get('/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.json).toMatchObject({ status: 'ok' });
  });

  test('an unknown API path is a JSON 404 not_found', async ({ api }) => {
    const res = await api.get('/api/v1/does-not-exist');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.json).toMatchObject({ error: { code: 'not_found' } });
  });
});
