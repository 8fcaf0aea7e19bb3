import { ChangePlan } from '../../src/commands/users/changePlan';
import type { PlanName } from '../../src/domain/user/plans';
import { call, registerAndLogin } from '../support/http';
import type { JsonResponse } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

/**
 * Sliding-window limits over real HTTP: per user by plan, per route, per IP for anonymous callers. Each
 * response reports the tightest limit; past one, 429 with Retry-After and a message naming the limit.
 */

const ENFORCED = { FILORA_RATE_LIMIT_MODE: 'enforce' };

function rateHeaders(response: JsonResponse) {
  return {
    limit: Number(response.headers.get('x-ratelimit-limit')),
    remaining: Number(response.headers.get('x-ratelimit-remaining')),
    reset: Number(response.headers.get('x-ratelimit-reset')),
  };
}

function expectLimited(response: JsonResponse, limit: number, message: string) {
  expect({ status: response.status, body: response.body }).toEqual({
    status: 429,
    body: { error: { code: 'rate_limited', message, details: [] }, request_id: response.headers.get('x-request-id') },
  });
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 61).toBe(true);
  const { reset, ...counts } = rateHeaders(response);
  expect(counts).toEqual({ limit, remaining: 0 });
  // Reset is when the limit has room again, which is what Retry-After counts down to (to the second).
  expect(Math.abs(reset - (Date.now() / 1000 + retryAfter))).toBeLessThanOrEqual(2);
}

async function times(count: number, request: () => Promise<JsonResponse>): Promise<JsonResponse[]> {
  const responses: JsonResponse[] = [];
  for (let i = 0; i < count; i++) responses.push(await request());
  return responses;
}

describe('plans and routes', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform({ ...ENFORCED, FILORA_RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000' });
  });
  afterAll(async () => {
    await platform.close();
  });

  const me = (token: string) => call(platform.url, 'GET', '/api/v1/users/me', { token });
  const search = (token: string) => call(platform.url, 'GET', '/api/v1/users/search?q=zz', { token });
  const changePlan = (username: string, plan: PlanName) =>
    platform.platform.container.resolve(ChangePlan).run(username, plan, { requestId: 'test', correlationId: 'test', causationId: 'test' });

  it('refuses the 61st request of a basic user within a minute, and counts each user on their own', async () => {
    const alice = await registerAndLogin(platform.url);
    const bob = await registerAndLogin(platform.url);
    const admitted = await times(60, () => me(alice.token));
    expect(admitted.map((response) => response.status)).toEqual(Array<number>(60).fill(200));
    expect(admitted.map((response) => rateHeaders(response).remaining)).toEqual(Array.from({ length: 60 }, (_, i) => 59 - i));
    expect(rateHeaders(admitted[0]!)).toMatchObject({ limit: 60 });
    expect(rateHeaders(admitted[0]!).reset).toBeGreaterThan(Date.now() / 1000 + 55);

    expectLimited(await me(alice.token), 60, 'basic plan limit of 60 requests per minute reached');
    expect((await me(bob.token)).status).toBe(200);
  });

  it('shows a user their plan and its limits: basic by default', async () => {
    const carol = await registerAndLogin(platform.url);
    expect((await me(carol.token)).body).toMatchObject({ id: carol.id, plan: 'basic', limits: { per_minute: 60, per_day: 10_000 } });
  });

  it('gives a professional user more, within a second of the plan change', async () => {
    const dave = await registerAndLogin(platform.url);
    expect(rateHeaders(await me(dave.token)).limit).toBe(60);
    await changePlan(dave.user.username, 'professional');
    let latest = await me(dave.token);
    for (let polls = 1; rateHeaders(latest).limit !== 300 && polls < 50; polls++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      latest = await me(dave.token);
    }
    expect(latest.body).toMatchObject({ plan: 'professional', limits: { per_minute: 300, per_day: 100_000 } });
    const more = await times(70, () => me(dave.token));
    expect(more.filter((response) => response.status !== 200)).toEqual([]);
    expect(rateHeaders(more.at(-1)!).limit).toBe(300);
  });

  it('shows no daily limit on the enterprise plan', async () => {
    const erin = await registerAndLogin(platform.url);
    const { position } = await changePlan(erin.user.username, 'enterprise');
    const response = await call(platform.url, 'GET', `/api/v1/users/me?after_position=${encodeURIComponent(position ?? '')}`, {
      token: erin.token,
    });
    expect(response.body).toMatchObject({ plan: 'enterprise', limits: { per_minute: 1000, per_day: null } });
  });

  it("reports the tightest limit, and a route's own: user search is 50 a minute per user", async () => {
    const frank = await registerAndLogin(platform.url);
    // The plan's 60 a minute leaves more than the day's 10,000 do not: the minute is reported.
    expect(rateHeaders(await me(frank.token))).toMatchObject({ limit: 60, remaining: 59 });
    const searches = await times(50, () => search(frank.token));
    expect(searches.map((response) => response.status)).toEqual(Array<number>(50).fill(200));
    expect(rateHeaders(searches[0]!)).toMatchObject({ limit: 50, remaining: 49 });
    expect(rateHeaders(searches.at(-1)!)).toMatchObject({ limit: 50, remaining: 0 });

    expectLimited(await search(frank.token), 50, 'user search limit of 50 requests per minute reached');
    // The refused search counted against nothing: 1 + 50 of the plan's 60 are used, and this is the 52nd.
    expect(rateHeaders(await me(frank.token))).toMatchObject({ limit: 60, remaining: 8 });
  });
});

describe('anonymous callers, without trust proxy', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform({ ...ENFORCED, FILORA_RATE_LIMIT_ANONYMOUS_PER_MINUTE: '2' });
  });
  afterAll(async () => {
    await platform.close();
  });

  it('counts them by their address, whatever X-Forwarded-For claims', async () => {
    const anonymous = (i: number) =>
      call(platform.url, 'GET', '/api/v1/openapi.json', { headers: { 'x-forwarded-for': `203.0.113.${i}` } });
    expect((await anonymous(1)).status).toBe(200);
    expect((await anonymous(2)).status).toBe(200);
    expectLimited(await anonymous(3), 2, 'anonymous limit of 2 requests per minute reached');
  });
});

describe('anonymous callers, with trust proxy', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform({ ...ENFORCED, FILORA_TRUST_PROXY: 'true', FILORA_RATE_LIMIT_ANONYMOUS_PER_MINUTE: '2' });
  });
  afterAll(async () => {
    await platform.close();
  });

  it('takes the address the nearest proxy saw, not one the client wrote at the left of X-Forwarded-For', async () => {
    const through = (spoofed: number, proxySaw: string) =>
      call(platform.url, 'GET', '/api/v1/openapi.json', { headers: { 'x-forwarded-for': `198.51.100.${spoofed}, ${proxySaw}` } });
    expect((await through(1, '192.0.2.10')).status).toBe(200);
    expect((await through(2, '192.0.2.10')).status).toBe(200);
    expectLimited(await through(3, '192.0.2.10'), 2, 'anonymous limit of 2 requests per minute reached');
    expect((await through(4, '192.0.2.11')).status).toBe(200);
  });
});

describe('limits only reported', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform({ FILORA_RATE_LIMIT_MODE: 'report', FILORA_RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1' });
  });
  afterAll(async () => {
    await platform.close();
  });

  it('serves requests over a limit, and still says the limit is reached', async () => {
    const responses = await times(3, () => call(platform.url, 'GET', '/api/v1/openapi.json'));
    expect(responses.map((response) => [response.status, rateHeaders(response).remaining])).toEqual([
      [200, 0],
      [200, 0],
      [200, 0],
    ]);
  });
});
