import type { UsageRecord } from '../../domain/usage/usageEvents';
import { evolveDocument } from '../evolveDocument';
import type { UsageStatsView } from './usageStatsView';
import { addCounts, countsOf, noCounts, rowKeysOf, statsRowId, USAGE_STATS } from './usageStatsView';
import { usageRecordsProjection } from './usageRecordsProjection';

/** What one batch adds to each row it touches: a row is written once per event, whatever its number of records. */
function additions(records: readonly UsageRecord[]): Map<string, UsageStatsView> {
  const rows = new Map<string, UsageStatsView>();
  for (const record of records) {
    const counts = countsOf(record);
    for (const key of rowKeysOf(record)) {
      const id = statsRowId(key);
      rows.set(id, addCounts(rows.get(id) ?? { _id: id, ...key, ...noCounts() }, counts));
    }
  }
  return rows;
}

/**
 * Usage statistics per user and day, per credential, per route and per exact status, each with a latency
 * histogram from which p50 and p95 are read at query time (histograms of rows add up). Kept beyond the
 * request log's retention: a row sums a day, whatever the volume.
 */
export const usageStatsProjection = usageRecordsProjection({
  name: 'usage_stats',
  version: 1,
  collections: [USAGE_STATS],

  async setup(store) {
    await store.ensureIndex(USAGE_STATS, {
      fields: [
        ['user_id', 1],
        ['grain', 1],
        ['day', 1],
      ],
    });
  },
  async applyRecords(tx, records) {
    for (const [id, added] of additions(records)) {
      await evolveDocument<UsageStatsView>(tx, USAGE_STATS, id, (current) => (current ? addCounts(current, added) : added));
    }
  },
});
