import { call, registerAndLogin } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

describe('operations endpoints', () => {
  it('GET /health answers ok with a request id', async () => {
    const response = await call(platform.url, 'GET', '/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('echoes a sane incoming X-Request-Id and replaces an unsafe one', async () => {
    expect(
      (await call(platform.url, 'GET', '/health', { headers: { 'x-request-id': 'client-req-12345' } })).headers.get('x-request-id'),
    ).toBe('client-req-12345');
    expect(
      (await call(platform.url, 'GET', '/health', { headers: { 'x-request-id': 'bad id with spaces' } })).headers.get('x-request-id'),
    ).not.toBe('bad id with spaces');
  });

  it('GET /ready reports stores and each projection, caught up after writes', async () => {
    await registerAndLogin(platform.url);
    const response = await call<{
      status: string;
      stores: Record<string, { status: string }>;
      projections: Array<{ name: string; state: string; lag: number; position: string }>;
    }>(platform.url, 'GET', '/ready');
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('ready');
    expect(response.body.stores.event_store).toEqual({ status: 'up' });
    expect(response.body.stores.read_store).toEqual({ status: 'up' });
    expect(response.body.stores.blob_store).toEqual({ status: 'up' });
    const users = response.body.projections.find((projection) => projection.name === 'users');
    expect(users).toMatchObject({ state: 'running', lag: 0 });
    expect(users?.position).toBe(await platform.platform.eventStore.headPosition());
  });

  it('serves an OpenAPI 3.1 document generated from the route schemas', async () => {
    const response = await call<{
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown; parameters?: Array<{ name: string }> }>>;
    }>(platform.url, 'GET', '/api/v1/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    const register = response.body.paths['/api/v1/auth/register']?.post;
    expect(register?.requestBody).toMatchObject({
      content: { 'application/json': { schema: { properties: { username: { maxLength: 32 } } } } },
    });
    expect(response.body.paths['/api/v1/users/search']?.get?.parameters?.map((parameter) => parameter.name)).toEqual([
      'q',
      'limit',
      'cursor',
    ]);
  });

  it('sets rate limit headers on API calls', async () => {
    const response = await call(platform.url, 'GET', '/api/v1/users/me');
    expect(Number(response.headers.get('x-ratelimit-limit'))).toBeGreaterThan(0);
    expect(response.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/);
    expect(Number(response.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000 - 1);
  });
});
