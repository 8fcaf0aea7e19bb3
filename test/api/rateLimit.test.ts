import { call, registerAndLogin } from '../support/http';
import type { JsonResponse } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

/** Fixed windows per caller: a session per user, an anonymous caller per IP; over the limit, 429 with Retry-After. */

function expectLimited(response: JsonResponse, label: string) {
  expect({ label, status: response.status, code: (response.body as { error?: { code?: string } }).error?.code }).toEqual({
    label,
    status: 429,
    code: 'rate_limited',
  });
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
  expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
  expect(response.body).toMatchObject({ request_id: response.headers.get('x-request-id') });
}

describe('without trust proxy', () => {
  let platform: TestPlatform;
  // Two registrations and logins (4 anonymous calls) leave 2 of the anonymous allowance.
  const ANONYMOUS = 6;
  const PER_USER = 3;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    platform = await startTestPlatform({
      FILORA_RATE_LIMIT_PER_MINUTE: String(PER_USER),
      FILORA_RATE_LIMIT_ANONYMOUS_PER_MINUTE: String(ANONYMOUS),
    });
    ({ token: alice } = await registerAndLogin(platform.url));
    ({ token: bob } = await registerAndLogin(platform.url));
  });
  afterAll(async () => {
    await platform.close();
  });

  it('counts each user on their own, announces the limit, and answers 429 with Retry-After past it', async () => {
    for (let i = 1; i <= PER_USER; i++) {
      const response = await call(platform.url, 'GET', '/api/v1/files', { token: alice });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-ratelimit-limit')).toBe(String(PER_USER));
      expect(response.headers.get('x-ratelimit-remaining')).toBe(String(PER_USER - i));
      expect(Number(response.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    }
    expectLimited(await call(platform.url, 'GET', '/api/v1/files', { token: alice }), 'alice over her limit');
    expect((await call(platform.url, 'GET', '/api/v1/files', { token: bob })).status).toBe(200);
  });

  it('counts anonymous callers by their address, whatever X-Forwarded-For claims', async () => {
    const anonymous = (i: number) =>
      call(platform.url, 'GET', '/api/v1/openapi.json', { headers: { 'x-forwarded-for': `203.0.113.${i}` } });
    expect((await anonymous(1)).status).toBe(200);
    expect((await anonymous(2)).status).toBe(200);
    expectLimited(await anonymous(3), 'anonymous over the limit with a new X-Forwarded-For');
  });
});

describe('with trust proxy', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform({ FILORA_TRUST_PROXY: 'true', FILORA_RATE_LIMIT_ANONYMOUS_PER_MINUTE: '2' });
  });
  afterAll(async () => {
    await platform.close();
  });

  it('takes the address the nearest proxy saw, not one the client wrote at the left of X-Forwarded-For', async () => {
    const through = (spoofed: number, proxySaw: string) =>
      call(platform.url, 'GET', '/api/v1/openapi.json', { headers: { 'x-forwarded-for': `198.51.100.${spoofed}, ${proxySaw}` } });
    expect((await through(1, '192.0.2.10')).status).toBe(200);
    expect((await through(2, '192.0.2.10')).status).toBe(200);
    expectLimited(await through(3, '192.0.2.10'), 'same client, new spoofed address');
    expect((await through(4, '192.0.2.11')).status).toBe(200);
  });
});
