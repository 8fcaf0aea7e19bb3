import { SqliteReadStore } from '../../../src/adapters/readStore/sqliteReadStore';
import { SqliteDatabase } from '../../../src/adapters/sqlite/sqliteDatabase';
import { bucketUpperBoundMs, latencyBucket, recordLatency } from '../../../src/domain/usage/latencyHistogram';
import type { UsageRecord } from '../../../src/domain/usage/usageEvents';
import { ProjectionRunner } from '../../../src/projections/projectionRunner';
import { findTokenUsage } from '../../../src/projections/usage/tokenUsageQuery';
import { tokenUsageProjection } from '../../../src/projections/usage/tokenUsageProjection';
import { TOKEN_USAGE } from '../../../src/projections/usage/tokenUsageView';
import { usageRequestsProjection } from '../../../src/projections/usage/usageRequestsProjection';
import { USAGE_REQUESTS } from '../../../src/projections/usage/usageRequestView';
import { usageStatsProjection } from '../../../src/projections/usage/usageStatsProjection';
import type { UsageStatsKey, UsageStatsView } from '../../../src/projections/usage/usageStatsView';
import { rowKeysOf, statsRowId, USAGE_STATS } from '../../../src/projections/usage/usageStatsView';
import { silentLogger } from '../../support/stores';
import { projectionSpec } from './projectionSpec';
import { RecordedEvents, uuid } from './recordedEvents';

const ALICE = uuid(1);
const BOB = uuid(2);
const TOKEN = uuid(10);
const OTHER_TOKEN = uuid(11);
const STREAM = `usage-${uuid(99)}`;

let sequence = 0;
const request = (overrides: Partial<UsageRecord> = {}): UsageRecord => ({
  requestId: `request-${++sequence}`,
  at: '2026-03-01T10:00:00.000Z',
  method: 'GET',
  route: '/files/:id',
  path: `/api/v1/files/${uuid(50)}`,
  status: 200,
  durationMs: 2,
  bytesIn: 100,
  bytesOut: 1000,
  ip: '10.0.0.1',
  userAgent: 'curl/8',
  userId: ALICE,
  tokenId: TOKEN,
  ...overrides,
});

const log = new RecordedEvents();
const batch = (...records: UsageRecord[]) => log.record('UsageRecorded', { records }, STREAM);

describe('request log projection', () => {
  it("keeps one row per record, keyed by the event and the record's place in it", async () => {
    const first = request();
    const unmatched = request({ route: '/api/v1/nope', routeMatched: false, path: '/api/v1/nope', status: 404, tokenId: null });
    const aborted = request({ status: 499, completed: false, userId: BOB, ip: null, userAgent: null });
    const event = batch(first, unmatched, aborted);
    await projectionSpec(usageRequestsProjection)
      .given([event])
      .then(USAGE_REQUESTS, [
        {
          _id: `${event.id}:0`,
          user_id: ALICE,
          token_id: TOKEN,
          request_id: first.requestId,
          at: first.at,
          method: 'GET',
          route: '/files/:id',
          route_matched: true,
          path: first.path,
          status: 200,
          duration_ms: 2,
          bytes_in: 100,
          bytes_out: 1000,
          completed: true,
          ip: '10.0.0.1',
          user_agent: 'curl/8',
        },
        expect.objectContaining({ _id: `${event.id}:1`, token_id: null, route: '/api/v1/nope', route_matched: false, status: 404 }),
        expect.objectContaining({ _id: `${event.id}:2`, user_id: BOB, status: 499, completed: false, ip: null, user_agent: null }),
      ]);
  });

  it('stops on a batch that is not a valid UsageRecorded', () =>
    projectionSpec(usageRequestsProjection)
      .given([log.record('UsageRecorded', { records: [] }, STREAM)])
      .thenFails('UsageRecorded', /too_small|>=1/));
});

describe('token usage projection', () => {
  it("counts each token's requests by status class, and keeps the newest request's time and address", async () => {
    const events = [
      batch(
        request({ at: '2026-03-01T10:00:00.000Z', ip: '10.0.0.1' }),
        request({ at: '2026-03-01T10:00:02.000Z', status: 404, ip: '10.0.0.2' }),
        request({ tokenId: null }),
        request({ tokenId: OTHER_TOKEN, status: 503, ip: '10.0.0.9' }),
      ),
      // Another process's batch may carry older requests: they count, but do not move last_used_at back.
      batch(request({ at: '2026-03-01T09:59:00.000Z', status: 301, ip: '10.0.0.3' })),
    ];
    await projectionSpec(tokenUsageProjection)
      .given(events)
      .then(TOKEN_USAGE, [
        {
          _id: TOKEN,
          user_id: ALICE,
          request_count: 3,
          last_used_at: '2026-03-01T10:00:02.000Z',
          last_used_ip: '10.0.0.2',
          by_status_class: { '2xx': 1, '3xx': 1, '4xx': 1, '5xx': 0 },
        },
        {
          _id: OTHER_TOKEN,
          user_id: ALICE,
          request_count: 1,
          last_used_at: '2026-03-01T10:00:00.000Z',
          last_used_ip: '10.0.0.9',
          by_status_class: { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 1 },
        },
      ]);
  });
});

describe('usage statistics projection', () => {
  const day = (userId: string, on: string) =>
    statsRowId({ grain: 'day', user_id: userId, day: on, token_id: null, method: null, route: null, status: null });

  it('sums requests per user and day, per credential, per route and per status, with a latency histogram each', async () => {
    const records = [
      request({ durationMs: 1 }),
      request({ durationMs: 100, status: 500 }),
      request({ tokenId: null, method: 'POST', route: '/files', path: '/api/v1/files', status: 201, durationMs: 10 }),
      request({ route: '/api/v1/x', routeMatched: false, path: '/api/v1/x', status: 404, durationMs: 0.05 }),
      request({ at: '2026-03-02T00:00:01.000Z' }),
      request({ userId: BOB }),
    ];
    const base = { user_id: ALICE, day: '2026-03-01', bytes_in: 0, bytes_out: 0 };
    const byClass = (counts: Partial<Record<'2xx' | '3xx' | '4xx' | '5xx', number>>) => ({
      '2xx': 0,
      '3xx': 0,
      '4xx': 0,
      '5xx': 0,
      ...counts,
    });
    const histogram = (...durations: number[]) => durations.reduce((sum, ms) => recordLatency(sum, ms), {});
    const row = (key: UsageStatsKey, durations: number[], classes: Parameters<typeof byClass>[0]) => ({
      ...key,
      _id: statsRowId(key),
      requests: durations.length,
      by_status_class: byClass(classes),
      bytes_in: durations.length * 100,
      bytes_out: durations.length * 1000,
      latency: histogram(...durations),
    });
    const none = { token_id: null, method: null, route: null, status: null };
    const expected = [
      row({ ...base, ...none, grain: 'day' }, [1, 100, 10, 0.05], { '2xx': 2, '4xx': 1, '5xx': 1 }),
      row({ ...base, ...none, grain: 'token', token_id: TOKEN }, [1, 100, 0.05], { '2xx': 1, '4xx': 1, '5xx': 1 }),
      row({ ...base, ...none, grain: 'token' }, [10], { '2xx': 1 }),
      row({ ...base, ...none, grain: 'route', method: 'GET', route: '/files/:id' }, [1, 100], { '2xx': 1, '5xx': 1 }),
      row({ ...base, ...none, grain: 'route', method: 'POST', route: '/files' }, [10], { '2xx': 1 }),
      row({ ...base, ...none, grain: 'route', method: 'GET' }, [0.05], { '4xx': 1 }),
      row({ ...base, grain: 'detail', token_id: TOKEN, method: 'GET', route: '/files/:id', status: 200 }, [1], { '2xx': 1 }),
      row({ ...base, grain: 'detail', token_id: TOKEN, method: 'GET', route: '/files/:id', status: 500 }, [100], { '5xx': 1 }),
      row({ ...base, grain: 'detail', token_id: null, method: 'POST', route: '/files', status: 201 }, [10], { '2xx': 1 }),
      row({ ...base, grain: 'detail', token_id: TOKEN, method: 'GET', route: null, status: 404 }, [0.05], { '4xx': 1 }),
    ];
    const nextDay = rowKeysOf(records[4]!).map((key) => row(key, [2], { '2xx': 1 }));
    const bobs = rowKeysOf(records[5]!).map((key) => row(key, [2], { '2xx': 1 }));
    expect(nextDay.map((one) => one._id)).toContain(day(ALICE, '2026-03-02'));
    expect(bobs.map((one) => one._id)).toContain(day(BOB, '2026-03-01'));
    // Split over two events: rows written by both add up.
    await projectionSpec(usageStatsProjection)
      .given([batch(...records.slice(0, 2)), batch(...records.slice(2))])
      .then(USAGE_STATS, [...expected, ...nextDay, ...bobs]);
  });

  it('adds nothing twice when a batch is applied again (a replay after a crash before the checkpoint)', async () => {
    const db = new SqliteDatabase({ path: ':memory:' });
    try {
      const store = await SqliteReadStore.open(db);
      const events = [batch(request(), request({ status: 404 })), batch(request())];
      for (const projection of [usageStatsProjection, tokenUsageProjection, usageRequestsProjection]) {
        const runner = new ProjectionRunner(projection, store, silentLogger(), { maxAttempts: 1 }, () => undefined);
        await runner.prepare();
        runner.start();
        await runner.apply(events);
        await runner.apply(events);
      }
      const aliceDay = await store.get<UsageStatsView>(USAGE_STATS, day(ALICE, '2026-03-01'));
      expect(aliceDay).toMatchObject({ requests: 3, by_status_class: { '2xx': 2, '4xx': 1 } });
      expect((await findTokenUsage(store, [TOKEN])).get(TOKEN)).toMatchObject({ request_count: 3 });
      expect(await store.count(USAGE_REQUESTS, {})).toBe(3);
    } finally {
      await db.close();
    }
  });
});

describe('findTokenUsage', () => {
  it('answers every token asked for: zeros and nulls for one that made no request', async () => {
    const db = new SqliteDatabase({ path: ':memory:' });
    try {
      const store = await SqliteReadStore.open(db);
      const runner = new ProjectionRunner(tokenUsageProjection, store, silentLogger(), { maxAttempts: 1 }, () => undefined);
      await runner.prepare();
      runner.start();
      await runner.apply([batch(request({ status: 201 }))]);
      const usage = await findTokenUsage(store, [TOKEN, OTHER_TOKEN, TOKEN]);
      expect([...usage.keys()]).toEqual([TOKEN, OTHER_TOKEN]);
      expect(usage.get(TOKEN)).toEqual({
        request_count: 1,
        last_used_at: '2026-03-01T10:00:00.000Z',
        last_used_ip: '10.0.0.1',
        by_status_class: { '2xx': 1, '3xx': 0, '4xx': 0, '5xx': 0 },
      });
      expect(usage.get(OTHER_TOKEN)).toEqual({
        request_count: 0,
        last_used_at: null,
        last_used_ip: null,
        by_status_class: { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 },
      });
    } finally {
      await db.close();
    }
  });
});

describe('latency histogram', () => {
  it('puts a duration in the bucket whose upper bound is at least it and under 19% above it', () => {
    for (const ms of [0.11, 0.5, 1, 2.5, 17, 100, 999, 60_000]) {
      const bound = bucketUpperBoundMs(latencyBucket(ms));
      expect({ ms, atLeast: bound >= ms, within: bound < ms * 1.19 }).toEqual({ ms, atLeast: true, within: true });
    }
    expect(latencyBucket(0)).toBe(0);
    expect(latencyBucket(0.1)).toBe(0);
  });
});
