import { servedPath } from '../../src/api/http/route';
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

const envelope = (code: string) => ({
  error: { code, message: expect.any(String), details: expect.any(Array) },
  request_id: expect.any(String),
});

const allowed = (header: string | null) => (header ?? '').split(',').map((method) => method.trim());

describe('a method the path does not have', () => {
  const fileId = '00000000-0000-4000-8000-000000000000';

  it('answers 405 with the methods the path has in Allow, in the error envelope', async () => {
    const { token } = await registerAndLogin(platform.url);
    const onFile = await call(platform.url, 'POST', `/api/v1/files/${fileId}`, { token });
    expect(onFile.status).toBe(405);
    expect(onFile.body).toEqual(envelope('method_not_allowed'));
    expect(onFile.body).toMatchObject({ request_id: onFile.headers.get('x-request-id') });
    expect(allowed(onFile.headers.get('allow')).sort()).toEqual(['DELETE', 'GET', 'HEAD', 'PATCH', 'PUT']);

    const onLogin = await call(platform.url, 'GET', '/api/v1/auth/login');
    expect(onLogin.status).toBe(405);
    expect(allowed(onLogin.headers.get('allow'))).toEqual(['POST']);

    // Every route of the table gets it: a method none of them declares for the path.
    for (const route of platform.routes) {
      const path = servedPath(route).replace(/:id\b/g, fileId);
      const methods = platform.routes.filter((other) => other.path === route.path).map((other) => other.method.toUpperCase());
      const absent = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].find((method) => !methods.includes(method));
      if (!absent) continue;
      const response = await call(platform.url, absent, path, { token });
      expect({ path, absent, status: response.status }).toEqual({ path, absent, status: 405 });
      expect(allowed(response.headers.get('allow'))).toEqual(expect.arrayContaining(methods));
    }
  });

  it('leaves unknown paths at 404', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/nothing-here'],
      ['POST', `/api/v1/files/${fileId}/nothing`],
      ['DELETE', '/api/v2/files'],
    ] as const) {
      const response = await call(platform.url, method, path);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(response.headers.get('allow')).toBeNull();
    }
  });
});
