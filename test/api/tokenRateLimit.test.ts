import { DEFAULT_TOKEN_RATE_LIMIT_PER_HOUR } from '../../src/domain/token/tokenDecider';
import { actorOf } from '../support/actors';
import { call, registerAndLogin } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

// 1,000 requests in turn: past jest's 30 s default on a busy machine.
jest.setTimeout(120_000);
let platform: TestPlatform;
beforeAll(async () => {
  // Enterprise users have no daily limit: what stops the 1,001st request is the token's own hourly limit.
  platform = await startTestPlatform({ FILORA_RATE_LIMIT_MODE: 'enforce', FILORA_DEFAULT_PLAN: 'enterprise' });
});
afterAll(async () => {
  await platform.close();
});

const TOKEN_SETTINGS = {
  name: 'limited',
  scopes: ['files.read' as const],
  ipAllowlist: [],
  rateLimitPerHour: DEFAULT_TOKEN_RATE_LIMIT_PER_HOUR,
  expiresAt: null,
};

const header = (response: { headers: Headers }, name: string) => Number(response.headers.get(name));

describe("a token's own hourly limit", () => {
  it('admits 1,000 requests of a 1,000/hour token and answers the 1,001st 429, with headers that say so', async () => {
    const { id: userId } = await registerAndLogin(platform.url);
    // Made without a request, so that the user's plan (1,000 a minute) has counted nothing before the token's 1,000.
    const { secret } = await platform.platform.api.apiTokens.create(actorOf(userId), TOKEN_SETTINGS, {});
    let last;
    for (let request = 1; request <= 1000; request++) {
      last = await call(platform.url, 'GET', '/api/v1/users/me', { token: secret });
      if (last.status !== 200) throw new Error(`request ${request} answered ${last.status}: ${JSON.stringify(last.body)}`);
    }
    expect(header(last!, 'x-ratelimit-limit')).toBe(1000);
    expect(header(last!, 'x-ratelimit-remaining')).toBe(0);

    const refused = await call(platform.url, 'GET', '/api/v1/users/me', { token: secret });
    const nowSeconds = Date.now() / 1000;
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: { code: 'rate_limited', message: expect.stringMatching(/token.*1000.*hour/) } });
    expect(header(refused, 'x-ratelimit-limit')).toBe(1000);
    expect(header(refused, 'x-ratelimit-remaining')).toBe(0);
    // The requests were all made within one of the hourly window's minute-long buckets, which counts whole
    // until the window has moved past all of it: an hour from now, and at most one bucket more.
    expect(header(refused, 'retry-after')).toBeGreaterThan(3400);
    expect(header(refused, 'retry-after')).toBeLessThanOrEqual(3660);
    expect(header(refused, 'x-ratelimit-reset')).toBeGreaterThan(nowSeconds + 3400);

    // Another token of the same user has an hourly budget of its own, but shares the user's plan, spent for this minute.
    const { secret: other } = await platform.platform.api.apiTokens.create(actorOf(userId), TOKEN_SETTINGS, {});
    const second = await call(platform.url, 'GET', '/api/v1/users/me', { token: other });
    expect(second.status).toBe(429);
    expect(second.body).toMatchObject({ error: { message: expect.stringMatching(/enterprise plan.*1000.*minute/) } });
    expect(header(second, 'retry-after')).toBeLessThanOrEqual(60);
  });
});
