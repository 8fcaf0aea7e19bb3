import { createToken } from '../support/apiTokens';
import { call, registerAndLogin } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

interface Figures {
  requests: number;
  errors: number;
  error_rate: number;
  latency_ms: { p50: number | null; p95: number | null };
}

interface Stats {
  period: string;
  from: string;
  to: string;
  totals: Figures & { bytes_in: number; bytes_out: number; by_status_class: Record<string, number> };
  by_day: Array<Figures & { day: string }>;
  top_tokens: Array<Figures & { token_id: string }>;
  top_routes: Array<Figures & { method: string; route: string | null }>;
}

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const stats = (token: string, query = '', path = '/api/v1/integrations/stats') =>
  call<Stats>(platform.url, 'GET', `${path}${query}`, { token });

describe('GET /integrations/stats', () => {
  it("sums up the caller's own requests at once: totals, today in the series, top tokens and routes, error rate, latency", async () => {
    const { token: session } = await registerAndLogin(platform.url);
    const busy = await createToken(platform.url, session, { name: 'busy' });
    const quiet = await createToken(platform.url, session, { name: 'quiet' });
    for (let i = 0; i < 4; i++) await call(platform.url, 'GET', '/api/v1/files', { token: busy.secret });
    await call(platform.url, 'GET', '/api/v1/files/00000000-0000-4000-8000-000000000000', { token: busy.secret });
    await call(platform.url, 'GET', '/api/v1/files', { token: quiet.secret });
    // Someone else's requests are not counted.
    const other = await registerAndLogin(platform.url);
    await call(platform.url, 'GET', '/api/v1/files', { token: other.token });

    const response = await stats(session, '?period=24h');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-filora-stale')).toBeNull();
    const body = response.body;
    // The session's own requests count too: registering is anonymous, the two token creations are not.
    expect(body.totals).toMatchObject({
      requests: 8,
      errors: 1,
      error_rate: 0.125,
      by_status_class: { '2xx': 7, '3xx': 0, '4xx': 1, '5xx': 0 },
    });
    expect(body.totals.latency_ms.p50).toBeGreaterThan(0);
    expect(body.totals.latency_ms.p95!).toBeGreaterThanOrEqual(body.totals.latency_ms.p50!);
    expect(body.totals.bytes_in).toBeGreaterThan(0);
    expect(body.totals.bytes_out).toBeGreaterThan(0);

    expect(body.period).toBe('24h');
    expect(body.by_day).toHaveLength(1);
    expect(body.by_day.at(-1)!.day).toBe(body.to.slice(0, 10));
    expect(body.by_day.reduce((sum, day) => sum + day.requests, 0)).toBe(8);
    expect(body.from).toBe(`${body.by_day[0]!.day}T00:00:00.000Z`);

    expect(body.top_tokens.map(({ token_id, requests, errors }) => [token_id, requests, errors])).toEqual([
      [busy.id, 5, 1],
      [quiet.id, 1, 0],
    ]);
    expect(body.top_tokens[0]!.error_rate).toBe(0.2);
    expect(body.top_routes[0]).toMatchObject({ method: 'GET', route: '/files', requests: 5, errors: 0 });
    expect(body.top_routes).toContainEqual(
      expect.objectContaining({ method: 'GET', route: '/files/:id', requests: 1, errors: 1, error_rate: 1 }),
    );
    expect(body.top_routes).toContainEqual(expect.objectContaining({ method: 'POST', route: '/tokens', requests: 2 }));
  });

  it("covers the period's days, today last, 7 by default, and answers at the seed's path too", async () => {
    const { token } = await registerAndLogin(platform.url);
    const byDefault = await stats(token);
    expect(byDefault.body.period).toBe('7d');
    expect(byDefault.body.by_day).toHaveLength(7);
    expect(byDefault.body.by_day.at(-1)!.day).toBe(byDefault.body.to.slice(0, 10));
    for (const [period, days] of [
      ['24h', 1],
      ['30d', 30],
      ['90d', 90],
    ] as const) {
      expect((await stats(token, `?period=${period}`)).body.by_day).toHaveLength(days);
    }
    const seed = await stats(token, '?period=7d', '/api/integrations/stats');
    expect(seed.status).toBe(200);
    expect(seed.body.by_day).toHaveLength(7);
    // Each stats read was a request of this session, counted by the next.
    expect(seed.body.totals.requests).toBe(4);
    expect(seed.body.top_tokens).toEqual([]);
  });

  it('means by a period what the api-usage dashboard means by it, counted by the day', async () => {
    const { token } = await registerAndLogin(platform.url);
    for (const period of ['24h', '7d', '30d', '90d']) {
      const usage = await stats(token, `?period=${period}`);
      const dashboard = await call<{ date_range: { from: string }; series: Array<{ points: Array<{ at: string }> }> }>(
        platform.url,
        'GET',
        `/api/v1/analytics/dashboards/api-usage/data?date_range=${period}&filters=granularity:day`,
        { token },
      );
      expect({ period, from: usage.body.from }).toEqual({ period, from: dashboard.body.date_range.from });
      expect(usage.body.by_day.map(({ day }) => `${day}T00:00:00.000Z`)).toEqual(dashboard.body.series[0]!.points.map(({ at }) => at));
    }
  });

  it("counts an operation's aliases under its canonical route, so top_routes holds one row per operation", async () => {
    const { token: session } = await registerAndLogin(platform.url);
    const { id } = await createToken(platform.url, session);
    for (const path of [`/api/v1/tokens/${id}`, `/api/v1/api-keys/${id}`, `/api/integrations/tokens/${id}`]) {
      expect((await call(platform.url, 'GET', path, { token: session })).status).toBe(200);
    }
    expect((await call(platform.url, 'GET', '/api/v1/users/me', { token: session })).status).toBe(200);
    expect((await call(platform.url, 'GET', '/api/v1/user', { token: session })).status).toBe(200);
    await stats(session, '?period=24h', '/api/integrations/stats');

    const routes = (await stats(session, '?period=24h')).body.top_routes.map(({ method, route, requests }) => [method, route, requests]);
    expect(routes).toEqual(
      expect.arrayContaining([
        ['GET', '/tokens/:id', 3],
        ['GET', '/users/me', 2],
        ['GET', '/integrations/stats', 1],
        ['POST', '/tokens', 1],
      ]),
    );
    expect(routes).toHaveLength(4);
  });

  it('answers 400 in the error envelope to a bad period or an unknown parameter, 401 without credentials', async () => {
    const { token } = await registerAndLogin(platform.url);
    for (const query of ['?period=1y', '?period=', '?period=7D', '?since=2026-01-01T00:00:00Z', '?period=7d&period=30d']) {
      const response = await stats(token, query);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(response.body).toMatchObject({
        error: { code: 'validation_error', details: expect.any(Array) },
        request_id: expect.any(String),
      });
    }
    expect((await call(platform.url, 'GET', '/api/v1/integrations/stats')).status).toBe(401);
  });

  it('is open to a token of the caller too, with no scope needed', async () => {
    const { token: session } = await registerAndLogin(platform.url);
    const { secret } = await createToken(platform.url, session, { scopes: ['audit.read'] });
    const response = await stats(secret);
    expect(response.status).toBe(200);
    expect(response.body.totals.requests).toBe(1);
  });
});
