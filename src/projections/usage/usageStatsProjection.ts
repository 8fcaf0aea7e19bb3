import type { UsageRecord } from '../../domain/usage/usageEvents';
import { evolveDocument } from '../evolveDocument';
import type { UsageStatsView } from './usageStatsView';
import { addCounts, countInto, noCounts, rowKeysOf, rowKeyText, statsRowId, USAGE_STATS } from './usageStatsView';
import { usageRecordsProjection } from './usageRecordsProjection';

/**
 * What one batch adds to each row it touches, by row id: a row is written once per event, whatever its
 * number of records, and its id (a UUID v5 of its key) is made once per row, not once per record.
 */
function additions(records: readonly UsageRecord[]): Map<string, UsageStatsView> {
  const byKey = new Map<string, UsageStatsView>();
  for (const record of records) {
    for (const key of rowKeysOf(record)) {
      const text = rowKeyText(key);
      let row = byKey.get(text);
      if (!row) byKey.set(text, (row = { _id: statsRowId(key), ...key, ...noCounts() }));
      countInto(row, record);
    }
  }
  return new Map([...byKey.values()].map((row) => [row._id, row]));
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
