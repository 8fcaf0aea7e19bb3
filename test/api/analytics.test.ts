import { randomUUID } from 'node:crypto';
import type { ConsumedMessage } from '../../src/ports/messageLog';
import { createToken } from '../support/apiTokens';
import { download, eventually, uploadJson } from '../support/files';
import type { JsonResponse } from '../support/http';
import { call, registerAndLogin } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

interface DashboardBody {
  dashboard: string;
  date_range: { from: string; to: string };
  granularity: 'hour' | 'day';
  filters: { token: string | null };
  series: Array<{ name: string; unit: string; aggregation: string; points: Array<{ at: string; value: number }> }>;
  totals: Record<string, number>;
}

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const dashboard = (token: string, name: string, query = '') =>
  call<DashboardBody>(platform.url, 'GET', `/api/v1/analytics/dashboards/${name}/data${query ? `?${query}` : ''}`, { token });

async function dashboardData(token: string, name: string, query = ''): Promise<DashboardBody> {
  const response = await dashboard(token, name, query);
  expect({ status: response.status, body: response.body }).toMatchObject({ status: 200 });
  return response.body;
}

const seriesOf = (body: DashboardBody, name: string) => {
  const series = body.series.find((candidate) => candidate.name === name);
  if (!series) throw new Error(`no ${name} series in ${JSON.stringify(body)}`);
  return series;
};

/** The value of the bucket an instant falls in. */
const valueAt = (body: DashboardBody, name: string, instant: string) => {
  const time = Date.parse(instant);
  const points = seriesOf(body, name).points;
  return points.filter((point) => Date.parse(point.at) <= time).at(-1)?.value;
};

const positionOf = (response: { headers: Headers }) => {
  const position = response.headers.get('x-filora-position');
  if (!position) throw new Error('the write answered no position');
  return encodeURIComponent(position);
};

function expectEnvelope(response: JsonResponse<unknown>, status: number, code: string, detailPath?: string) {
  expect(response.status).toBe(status);
  expect(response.body).toMatchObject({
    error: { code, message: expect.any(String), details: expect.any(Array) },
    request_id: expect.any(String),
  });
  if (detailPath) {
    const details = (response.body as { error: { details: Array<{ path: string }> } }).error.details;
    expect(details.map((detail) => detail.path)).toContain(detailPath);
  }
}

describe('GET /analytics/dashboards/:dashboard/data', () => {
  it('answers an upload and a download in the activity series, by the hour and by the day', async () => {
    const { token } = await registerAndLogin(platform.url);
    const uploaded = await uploadJson(platform.url, token, { name: 'a.txt', content: 'hello' });
    const fetched = await download(platform.url, token, uploaded.body.id);
    expect(fetched.status).toBe(200);

    const hourly = await dashboardData(token, 'activity', `date_range=24h&after_position=${positionOf(fetched)}`);
    expect(hourly).toMatchObject({ dashboard: 'activity', granularity: 'hour', filters: { token: null } });
    expect(hourly.series.map((series) => [series.name, series.unit, series.aggregation, series.points.length])).toEqual([
      ['uploads', 'count', 'sum', 24],
      ['downloads', 'count', 'sum', 24],
      ['deletes', 'count', 'sum', 24],
      ['shares', 'count', 'sum', 24],
    ]);
    expect(hourly.totals).toEqual({ uploads: 1, downloads: 1, deletes: 0, shares: 0 });
    expect(valueAt(hourly, 'uploads', uploaded.body.created_at)).toBe(1);
    expect(Date.parse(hourly.date_range.to) - Date.parse(hourly.date_range.from)).toBe(24 * 3_600_000);
    expect(Date.parse(hourly.date_range.to)).toBeGreaterThan(Date.parse(uploaded.body.created_at));

    const daily = await dashboardData(token, 'activity');
    expect(daily.granularity).toBe('day');
    expect(seriesOf(daily, 'downloads').points).toHaveLength(7);
    expect(daily.totals).toEqual({ uploads: 1, downloads: 1, deletes: 0, shares: 0 });
    expect(valueAt(daily, 'uploads', uploaded.body.created_at)).toBe(1);

    const today = new Date().toISOString().slice(0, 10);
    const calendar = await dashboardData(token, 'activity', `date_range=${today}..${today}&filters=granularity:day`);
    expect(calendar).toMatchObject({ granularity: 'day', date_range: { from: `${today}T00:00:00.000Z` }, totals: { uploads: 1 } });
  });

  it('answers the bytes stored at the end of each bucket, and the bytes uploaded and deleted', async () => {
    const { token } = await registerAndLogin(platform.url);
    const kept = await uploadJson(platform.url, token, { name: 'kept.txt', content: '12345' });
    const gone = await uploadJson(platform.url, token, { name: 'gone.txt', content: '123' });
    const replaced = await call(platform.url, 'PUT', `/api/v1/files/${kept.body.id}/content`, {
      token,
      raw: '1234567890',
      headers: { 'content-type': 'text/plain' },
    });
    expect(replaced.status).toBe(200);
    const deleted = await call(platform.url, 'DELETE', `/api/v1/files/${gone.body.id}`, { token });
    expect(deleted.status).toBe(200);

    const storage = await dashboardData(token, 'storage', `date_range=24h&after_position=${positionOf(deleted)}`);
    // Every stored version counts, as in GET /stats/storage's bytes_used: 5 + 10 of kept.txt.
    expect(storage.totals).toEqual({ bytes_stored: 15, bytes_uploaded: 18, bytes_deleted: 3 });
    expect(seriesOf(storage, 'bytes_stored')).toMatchObject({ unit: 'bytes', aggregation: 'level' });
    expect(seriesOf(storage, 'bytes_stored').points.at(-1)!.value).toBe(15);
    const stats = await call<{ bytes_used: number }>(platform.url, 'GET', '/api/v1/stats/storage', { token });
    expect(stats.body.bytes_used).toBe(15);
  });

  it("never shows another user's data", async () => {
    const alice = await registerAndLogin(platform.url);
    const bob = await registerAndLogin(platform.url);
    const uploaded = await uploadJson(platform.url, bob.token, { name: 'bob.txt', content: 'bob only' });
    const after = `after_position=${positionOf(uploaded)}`;
    expect((await dashboardData(bob.token, 'storage', after)).totals.bytes_stored).toBe(8);
    expect((await dashboardData(bob.token, 'activity', after)).totals.uploads).toBe(1);
    expect((await dashboardData(alice.token, 'storage', after)).totals).toEqual({ bytes_stored: 0, bytes_uploaded: 0, bytes_deleted: 0 });
    expect((await dashboardData(alice.token, 'activity', after)).totals).toEqual({ uploads: 0, downloads: 0, deletes: 0, shares: 0 });
    // Bob's file is a 404 to Alice: not counted as her download either.
    expect((await download(platform.url, alice.token, uploaded.body.id)).status).toBe(404);
    expect((await dashboardData(bob.token, 'activity', after)).totals.downloads).toBe(0);
  });

  it('answers bad input with 400 in the error envelope, and anonymous calls with 401', async () => {
    const { token } = await registerAndLogin(platform.url);
    expectEnvelope(await dashboard(token, 'sales'), 400, 'validation_error', 'params.dashboard');
    expectEnvelope(await dashboard(token, 'activity', 'date_range=1y'), 400, 'validation_error', 'query.date_range');
    for (const key of ['constructor', 'toString', '__proto__'])
      expectEnvelope(await dashboard(token, 'activity', `date_range=${key}`), 400, 'validation_error', 'query.date_range');
    expectEnvelope(await dashboard(token, 'activity', 'date_range=2026-01-31..2026-01-01'), 400, 'validation_error', 'query.date_range');
    expectEnvelope(
      await dashboard(token, 'activity', 'date_range=90d&filters=granularity:hour'),
      400,
      'validation_error',
      'query.date_range',
    );
    expectEnvelope(await dashboard(token, 'activity', 'filters=granularity:minute'), 400, 'validation_error', 'query.filters.granularity');
    expectEnvelope(await dashboard(token, 'activity', 'filters=status:500'), 400, 'validation_error', 'query.filters');
    // A key that names an object's prototype is a filter like any other: unknown, so refused.
    for (const key of ['__proto__', 'constructor', 'toString'])
      expectEnvelope(await dashboard(token, 'activity', `filters=${key}:x`), 400, 'validation_error', 'query.filters');
    expectEnvelope(await dashboard(token, 'activity', 'filters=__proto__:x,granularity:day'), 400, 'validation_error', 'query.filters');
    expectEnvelope(
      await dashboard(token, 'activity', `filters=${encodeURIComponent('{"__proto__":{"granularity":"hour"}}')}`),
      400,
      'validation_error',
      'query.filters',
    );
    expectEnvelope(
      await dashboard(token, 'activity', `filters=${encodeURIComponent('{"granularity":')}`),
      400,
      'validation_error',
      'query.filters',
    );
    expectEnvelope(await dashboard(token, 'storage', `filters=token:${randomUUID()}`), 400, 'validation_error', 'query.filters.token');
    expectEnvelope(await dashboard(token, 'activity', 'range=7d'), 400, 'validation_error', 'query');
    expectEnvelope(await dashboard(token, 'activity', 'date_range=7d&date_range=30d'), 400, 'validation_error', 'query.date_range');
    expectEnvelope(await dashboard('', 'activity'), 401, 'unauthorized');
  });

  it("filters api-usage by one of the caller's tokens; another user's token, or an unknown one, is a 404", async () => {
    const alice = await registerAndLogin(platform.url);
    const bob = await registerAndLogin(platform.url);
    const alicesToken = await createToken(platform.url, alice.token);
    const bobsToken = await createToken(platform.url, bob.token);
    const after = `after_position=${encodeURIComponent((await platform.platform.eventStore.headPosition()) ?? '')}`;

    const filtered = await dashboardData(alice.token, 'api-usage', `filters=token:${alicesToken.id}&${after}`);
    expect(filtered).toMatchObject({ dashboard: 'api-usage', filters: { token: alicesToken.id } });
    expectEnvelope(await dashboard(alice.token, 'api-usage', `filters=token:${bobsToken.id}&${after}`), 404, 'not_found');
    expectEnvelope(await dashboard(alice.token, 'api-usage', `filters=token:${randomUUID()}&${after}`), 404, 'not_found');
  });

  it('carries the same uploads, downloads and deletes on the filora.file.v1 topic', async () => {
    const { token, id: userId } = await registerAndLogin(platform.url);
    const uploaded = await uploadJson(platform.url, token, { name: 'topic.txt', content: 'on the topic' });
    await download(platform.url, token, uploaded.body.id);
    const deleted = await call(platform.url, 'DELETE', `/api/v1/files/${uploaded.body.id}`, { token });
    const activity = await dashboardData(token, 'activity', `date_range=24h&after_position=${positionOf(deleted)}`);
    expect(activity.totals).toMatchObject({ uploads: 1, downloads: 1, deletes: 1 });

    const received: ConsumedMessage[] = [];
    const consumer = await platform.platform.messageLog.consume(`analytics-test-${randomUUID()}`, ['filora.file.v1'], async (message) => {
      if (message.key === `file-${uploaded.body.id}`) received.push(message);
    });
    try {
      await eventually(
        () => received.length,
        (count) => count >= 3,
      );
    } finally {
      await consumer.stop();
    }
    expect(received.map((message) => message.headers.filora_event)).toEqual(['upload.completed', 'file.downloaded', 'file.deleted']);
    expect(received.map((message) => (JSON.parse(message.value.toString()) as { ownerId: string }).ownerId)).toEqual([
      userId,
      userId,
      userId,
    ]);
  });

  it("counts the caller's requests and errors in the api-usage series at once, and a token's part of them", async () => {
    const alice = await registerAndLogin(platform.url);
    const bob = await registerAndLogin(platform.url);
    const alicesToken = await createToken(platform.url, alice.token);
    expect((await call(platform.url, 'GET', '/api/v1/users/me', { token: alice.token })).status).toBe(200);
    expect((await call(platform.url, 'GET', `/api/v1/files/${randomUUID()}`, { token: alice.token })).status).toBe(404);
    expect((await call(platform.url, 'GET', `/api/v1/files/${randomUUID()}`, { token: alicesToken.secret })).status).toBe(404);
    expect((await call(platform.url, 'GET', '/api/v1/users/me', { token: bob.token })).status).toBe(200);

    // The requests served before this one, without waiting for the recorder's next flush: the token's
    // creation, /users/me and the two 404s (registering and logging in are anonymous).
    const usage = await dashboardData(alice.token, 'api-usage', 'date_range=24h');
    expect(usage.series.map((series) => series.name)).toEqual(['requests', 'errors', 'server_errors']);
    expect(usage.totals).toEqual({ requests: 4, errors: 2, server_errors: 0 });

    const tokens = await dashboardData(alice.token, 'api-usage', `date_range=24h&filters=token:${alicesToken.id}`);
    expect(tokens).toMatchObject({ filters: { token: alicesToken.id }, totals: { requests: 1, errors: 1, server_errors: 0 } });
    expect((await dashboardData(alice.token, 'api-usage', 'date_range=24h')).totals.requests).toBe(6);
    expect((await dashboardData(bob.token, 'api-usage', 'date_range=24h')).totals).toEqual({ requests: 1, errors: 0, server_errors: 0 });
  });
});
