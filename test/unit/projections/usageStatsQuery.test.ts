import { SqliteReadStore } from '../../../src/adapters/readStore/sqliteReadStore';
import { SqliteDatabase } from '../../../src/adapters/sqlite/sqliteDatabase';
import { percentileMs } from '../../../src/domain/usage/latencyHistogram';
import type { UsageRecord } from '../../../src/domain/usage/usageEvents';
import type { ReadStore } from '../../../src/ports/readStore';
import { ProjectionRunner } from '../../../src/projections/projectionRunner';
import { summariseUsage } from '../../../src/projections/usage/usageStatsQuery';
import { usageStatsProjection } from '../../../src/projections/usage/usageStatsProjection';
import { silentLogger } from '../../support/stores';
import { RecordedEvents, uuid } from './recordedEvents';

const ALICE = uuid(1);
const TOKEN_A = uuid(10);
const TOKEN_B = uuid(11);

const request = (overrides: Partial<UsageRecord>): UsageRecord => ({
  requestId: 'r',
  at: '2026-03-01T10:00:00.000Z',
  method: 'GET',
  route: '/files',
  path: '/api/v1/files',
  status: 200,
  durationMs: 10,
  bytesIn: 1,
  bytesOut: 2,
  ip: null,
  userAgent: null,
  userId: ALICE,
  tokenId: null,
  ...overrides,
});

async function withStats(records: UsageRecord[], read: (store: ReadStore) => Promise<void>): Promise<void> {
  const db = new SqliteDatabase({ path: ':memory:' });
  try {
    const store = await SqliteReadStore.open(db);
    const runner = new ProjectionRunner(usageStatsProjection, store, silentLogger(), { maxAttempts: 1 }, () => undefined);
    await runner.prepare();
    runner.start();
    await runner.apply([new RecordedEvents().record('UsageRecorded', { records }, `usage-${uuid(99)}`)]);
    await read(store);
  } finally {
    await db.close();
  }
}

describe('usage summary', () => {
  const records = [
    ...Array.from({ length: 19 }, () => request({ tokenId: TOKEN_A, durationMs: 10 })),
    request({ tokenId: TOKEN_A, durationMs: 1000, status: 500 }),
    request({ tokenId: TOKEN_B, method: 'POST', route: '/folders', status: 400 }),
    request({ tokenId: TOKEN_B, at: '2026-03-03T23:59:59.000Z' }),
    request({ route: '/api/v1/nope', routeMatched: false, path: '/api/v1/nope', status: 404 }),
    // Outside the range asked for.
    request({ at: '2026-02-28T23:59:59.999Z' }),
    request({ userId: uuid(2), tokenId: uuid(12) }),
  ];

  it('answers totals, every day of the range, top tokens (not sessions) and top routes, from the rows of the range', () =>
    withStats(records, async (store) => {
      const summary = await summariseUsage(store, ALICE, '2026-03-01', '2026-03-04');
      expect(summary.totals).toMatchObject({ requests: 23, by_status_class: { '2xx': 20, '3xx': 0, '4xx': 2, '5xx': 1 }, bytes_in: 23 });
      expect(summary.byDay.map(({ day, counts }) => [day, counts.requests])).toEqual([
        ['2026-03-01', 22],
        ['2026-03-02', 0],
        ['2026-03-03', 1],
        ['2026-03-04', 0],
      ]);
      expect(summary.topTokens.map(({ tokenId, counts }) => [tokenId, counts.requests])).toEqual([
        [TOKEN_A, 20],
        [TOKEN_B, 2],
      ]);
      expect(summary.topRoutes.map(({ method, route, counts }) => [method, route, counts.requests])).toEqual([
        ['GET', '/files', 21],
        ['GET', null, 1],
        ['POST', '/folders', 1],
      ]);
    }));

  it('reads p50 and p95 from the merged histograms', () =>
    withStats(records, async (store) => {
      const { topTokens } = await summariseUsage(store, ALICE, '2026-03-01', '2026-03-01');
      const tokenA = topTokens.find(({ tokenId }) => tokenId === TOKEN_A)!.counts;
      // 19 requests of 10 ms and one of 1 s: the median and the 95th are 10 ms (rank 19 of 20), within a bucket.
      expect(percentileMs(tokenA.latency, 0.5)).toBeGreaterThanOrEqual(10);
      expect(percentileMs(tokenA.latency, 0.5)).toBeLessThan(11.9);
      expect(percentileMs(tokenA.latency, 0.95)).toBe(percentileMs(tokenA.latency, 0.5));
      expect(percentileMs(tokenA.latency, 0.99)).toBeGreaterThanOrEqual(1000);
      expect(percentileMs({}, 0.5)).toBeNull();
    }));

  it('keeps to the top asked for', () =>
    withStats(records, async (store) => {
      const summary = await summariseUsage(store, ALICE, '2026-03-01', '2026-03-04', 1);
      expect(summary.topTokens.map(({ tokenId }) => tokenId)).toEqual([TOKEN_A]);
      expect(summary.topRoutes).toHaveLength(1);
    }));
});
