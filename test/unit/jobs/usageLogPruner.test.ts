import { JsonLogger } from '../../../src/adapters/logger/jsonLogger';
import { UsageLogPruner } from '../../../src/jobs/usageLogPruner';
import type { UsageRequestView } from '../../../src/projections/usage/usageRequestView';
import { USAGE_REQUESTS } from '../../../src/projections/usage/usageRequestView';
import { openStores } from '../../support/stores';

type Stores = Awaited<ReturnType<typeof openStores>>;
let stores: Stores;
beforeEach(async () => {
  stores = await openStores();
});
afterEach(async () => {
  await stores.close();
});

const NOW = new Date('2026-03-31T12:00:00.000Z');

const row = (id: number, at: string): UsageRequestView => ({
  _id: `event:${id}`,
  user_id: 'u',
  token_id: null,
  request_id: `r${id}`,
  at,
  method: 'GET',
  route: '/files',
  route_matched: true,
  path: '/api/v1/files',
  status: 200,
  duration_ms: 1,
  bytes_in: 1,
  bytes_out: 1,
  completed: true,
  ip: null,
  user_agent: null,
});

describe('usage log pruner', () => {
  it('deletes the request-log rows older than the retention, in bounded batches, and logs what it did', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = new JsonLogger('debug', { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    // 30 days before NOW is 2026-03-01T12:00:00Z.
    const old = Array.from({ length: 7 }, (_, index) => row(index, `2026-02-${String(20 + index).padStart(2, '0')}T00:00:00.000Z`));
    const kept = [row(100, '2026-03-01T12:00:00.000Z'), row(101, '2026-03-30T00:00:00.000Z')];
    for (const doc of [...old, ...kept]) await stores.readStore.upsert(USAGE_REQUESTS, doc);

    const pruner = new UsageLogPruner(stores.readStore, logger, { retentionDays: 30, batchSize: 3, maxBatches: 2 }, () => NOW);
    expect(await pruner.prune()).toBe(6);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'info',
        msg: 'pruned the usage request log',
        deleted: 6,
        batches: 2,
        more: true,
        cutoff: '2026-03-01T12:00:00.000Z',
      }),
    );
    expect(await pruner.prune()).toBe(1);
    expect(await pruner.prune()).toBe(0);
    const left = await stores.readStore.find<UsageRequestView>(USAGE_REQUESTS, {}, { limit: 100 });
    expect(left.map((doc) => doc._id).sort()).toEqual(kept.map((doc) => doc._id).sort());
  });
});
