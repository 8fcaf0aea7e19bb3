import type { z } from 'zod';
import type { usageRequestResponse } from '../../src/api/usage/usageSchemas';
import { createToken } from '../support/apiTokens';
import type { JsonResponse } from '../support/http';
import { call, registerAndLogin } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

type LoggedRequest = z.infer<typeof usageRequestResponse>;

interface LogPage {
  data: LoggedRequest[];
  page: { limit: number; next_cursor: string | null; has_more: boolean };
}

let platform: TestPlatform;
let session: string;
let tokenId: string;
let secret: string;
/** Request ids of the requests made with the token, oldest first. */
const made: Array<{ requestId: string; status: number }> = [];

const asToken = async (method: string, path: string, options: Parameters<typeof call>[3] = {}) => {
  const response = await call(platform.url, method, path, { ...options, token: secret });
  made.push({ requestId: response.headers.get('x-request-id')!, status: response.status });
  return response;
};

const logs = (query = '', as = session, path = `/api/v1/tokens/${tokenId}/logs`) =>
  call<LogPage>(platform.url, 'GET', `${path}${query}`, { token: as });

beforeAll(async () => {
  platform = await startTestPlatform();
  ({ token: session } = await registerAndLogin(platform.url));
  ({ id: tokenId, secret } = await createToken(platform.url, session));
  await asToken('GET', '/api/v1/files?limit=5', { headers: { 'user-agent': 'usage-test/1.0' } });
  await asToken('POST', '/api/v1/folders', { body: { name: 'logged' } });
  await asToken('GET', '/api/v1/files/00000000-0000-4000-8000-000000000000');
  await asToken('GET', '/api/v1/no-such-route');
  await asToken('GET', '/api/v1/stats/storage');
  // A session's own requests are not the token's.
  await call(platform.url, 'GET', '/api/v1/users/me', { token: session });
});
afterAll(async () => {
  await platform.close();
});

describe('GET /tokens/:id/logs', () => {
  it('shows every request the token made, newest first, at once (read-your-writes)', async () => {
    const response = await logs();
    expect(response.status).toBe(200);
    expect(response.headers.get('x-filora-stale')).toBeNull();
    expect(response.body.data.map((row) => [row.request_id, row.status])).toEqual(
      [...made].reverse().map(({ requestId, status }) => [requestId, status]),
    );
    expect(response.body.page).toEqual({ limit: 20, next_cursor: null, has_more: false });
  });

  it('records the method, route template, path without the query, status, duration, bytes, address and user agent', async () => {
    const { data } = (await logs()).body;
    const [, , notFound, , list] = data;
    expect(list).toMatchObject({
      method: 'GET',
      route: '/files',
      route_matched: true,
      path: '/api/v1/files',
      status: 200,
      completed: true,
      ip: expect.stringMatching(/127\.0\.0\.1/),
      user_agent: 'usage-test/1.0',
      token_id: tokenId,
    });
    expect(list!.bytes_in).toBeGreaterThan(0);
    expect(list!.bytes_out).toBeGreaterThan(0);
    expect(list!.duration_ms).toBeGreaterThan(0);
    expect(notFound).toMatchObject({ route: '/files/:id', status: 404 });
    expect(data.find((row) => row.path === '/api/v1/no-such-route')).toMatchObject({
      route: '/api/v1/no-such-route',
      route_matched: false,
      status: 404,
    });
    const post = data.find((row) => row.method === 'POST')!;
    // The JSON body counts in the bytes read.
    expect(post.bytes_in).toBeGreaterThan(JSON.stringify({ name: 'logged' }).length);
  });

  it('filters by status code or class, method, path prefix and time', async () => {
    const statuses = async (query: string) => (await logs(query)).body.data.map((row) => `${row.method} ${row.path} ${row.status}`);
    expect(await statuses('?status=404')).toEqual([
      'GET /api/v1/no-such-route 404',
      'GET /api/v1/files/00000000-0000-4000-8000-000000000000 404',
    ]);
    expect(await statuses('?status=4xx')).toHaveLength(2);
    expect(await statuses('?status=2XX')).toEqual(['GET /api/v1/stats/storage 200', 'POST /api/v1/folders 201', 'GET /api/v1/files 200']);
    expect(await statuses('?method=post')).toEqual(['POST /api/v1/folders 201']);
    expect(await statuses('?path=/files')).toEqual(['GET /api/v1/files/00000000-0000-4000-8000-000000000000 404', 'GET /api/v1/files 200']);
    expect(await statuses('?path=/api/v1/stats')).toEqual(['GET /api/v1/stats/storage 200']);
    expect(await statuses('?method=GET&status=2xx&path=/files')).toEqual(['GET /api/v1/files 200']);

    const all = (await logs()).body.data;
    const third = all[2]!.at;
    expect((await logs(`?until=${encodeURIComponent(third)}`)).body.data.every((row) => row.at < third)).toBe(true);
    expect((await logs(`?since=${encodeURIComponent(third)}`)).body.data.every((row) => row.at >= third)).toBe(true);
    expect((await logs('?since=2000-01-01T00:00:00Z&until=2000-01-02T00:00:00%2B02:00')).body.data).toEqual([]);
  });

  it('pages with a cursor, without repeating or skipping a request', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page: JsonResponse<LogPage> = await logs(query);
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((row) => row.request_id));
      cursor = page.body.page.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...made].reverse().map(({ requestId }) => requestId));
  });

  it("is served at the seeds' paths too", async () => {
    const canonical = (await logs()).body.data.map((row) => row.request_id);
    for (const path of [`/api/v1/api-keys/${tokenId}/logs`, `/api/integrations/tokens/${tokenId}/logs`]) {
      const response = await logs('', session, path);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      // Reading the logs is a request of the session, not of the token: the token's log is unchanged.
      expect(response.body.data.map((row) => row.request_id)).toEqual(canonical);
    }
  });

  it('answers 404 for a token of another user and for one that does not exist, 403 to a token', async () => {
    const other = await registerAndLogin(platform.url);
    expect((await logs('', other.token)).status).toBe(404);
    expect((await logs('', session, '/api/v1/tokens/00000000-0000-4000-8000-000000000000/logs')).status).toBe(404);
    const asToken = await logs('', secret);
    expect(asToken.status).toBe(403);
    expect(asToken.body).toMatchObject({ error: { code: 'forbidden' } });
    expect((await call(platform.url, 'GET', `/api/v1/tokens/${tokenId}/logs`)).status).toBe(401);
  });

  it('answers 400 in the error envelope to every bad parameter', async () => {
    const bad = [
      '?status=abc',
      '?status=600',
      '?status=4x',
      '?status=',
      '?method=BREW',
      '?path=files',
      `?path=/${'x'.repeat(1100)}`,
      '?since=yesterday',
      '?since=2026-01-01',
      '?until=2026-13-01T00:00:00Z',
      '?since=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z',
      '?cursor=not-a-cursor',
      '?limit=101',
      '?limit=0',
      '?limit=ten',
      '?unknown=1',
      '?status=404&status=500',
    ];
    for (const query of bad) {
      const response = await logs(query);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(response.body).toMatchObject({
        error: { code: 'validation_error', message: expect.any(String), details: expect.any(Array) },
        request_id: expect.any(String),
      });
    }
    expect((await logs('', session, '/api/v1/tokens/not-a-uuid/logs')).status).toBe(400);
  });

  it('answers a cursor whose values were tampered with, never with a 500', async () => {
    const cursorOf = (payload: unknown) => `?cursor=${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
    for (const payload of [{ _id: 'x', at: 5 }, { _id: 'x', at: null }, { _id: 'x', at: true }, { at: '2026-01-01T00:00:00.000Z' }]) {
      const response = await logs(cursorOf(payload));
      expect({ payload, status: response.status < 500 }).toEqual({ payload, status: true });
    }
  });
});

describe('reading your own usage', () => {
  /** The UsageRecorded events after `after` that carry one of these requests. */
  async function usageEventsCarrying(requestIds: ReadonlySet<string>, after: string | null) {
    const events = [];
    for (let from = after; ;) {
      const page = await platform.platform.eventStore.readAll({ after: from, limit: 1000 });
      if (page.length === 0) return events;
      for (const event of page) {
        const records = event.type === 'UsageRecorded' ? (event.data as { records: Array<{ requestId: string }> }).records : [];
        if (records.some((one) => requestIds.has(one.requestId))) events.push(event);
      }
      from = page[page.length - 1]!.position;
    }
  }

  it('appends no usage event per poll of the token list: a session has no token requests to wait for', async () => {
    const { token: poller } = await registerAndLogin(platform.url);
    await createToken(platform.url, poller);
    const before = await platform.platform.eventStore.headPosition();
    const polls = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const response = await call(platform.url, 'GET', '/api/v1/tokens', { token: poller });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-filora-stale')).toBeNull();
      polls.add(response.headers.get('x-request-id')!);
    }
    // A read of all the session's requests appends what is left of them, and sees every poll.
    const stats = await call<{ totals: { requests: number } }>(platform.url, 'GET', '/api/v1/integrations/stats?period=24h', {
      token: poller,
    });
    expect(stats.body.totals.requests).toBe(21);
    // Before, each poll appended the previous one: 19 events or more. Now the polls go out in the recorder's
    // batches (at least once a second) and with the statistics read.
    expect((await usageEventsCarrying(polls, before)).length).toBeLessThanOrEqual(5);
  });
});
