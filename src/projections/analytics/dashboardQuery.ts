import type { ReadStore } from '../../ports/readStore';
import type { AnalyticsHourView, StoredBytesHourView } from './analyticsViews';
import { ANALYTICS_HOURS, STORED_BYTES_HOURS } from './analyticsViews';
import type { Dashboard } from './dashboards';
import { DASHBOARDS, SERIES } from './dashboards';
import type { Series } from './denseSeries';
import { denseSeries } from './denseSeries';
import type { BucketRange } from './timeBuckets';
import { BUCKET_MS, rangeEnd } from './timeBuckets';

export interface DashboardQuery {
  userId: string;
  dashboard: Dashboard;
  range: BucketRange;
  /** Only the requests made with this token (per-token dashboards); null for everything the user did. */
  tokenId: string | null;
}

/** At most one row per hour of the range: the bound of every read below (90 days: 2,160 rows). */
const hoursIn = (range: BucketRange): number => (rangeEnd(range) - range.from) / BUCKET_MS.hour;

async function storedBytesRows(store: ReadStore, userId: string, from: string, to: string, limit: number) {
  const [before] = await store.find<StoredBytesHourView>(
    STORED_BYTES_HOURS,
    { user_id: userId, hour: { $lt: from } },
    { sort: [['hour', -1]], limit: 1 },
  );
  const inRange = await store.find<StoredBytesHourView>(
    STORED_BYTES_HOURS,
    { user_id: userId, hour: { $gte: from, $lt: to } },
    { sort: [['hour', 1]], limit },
  );
  return { storedBytes: inRange, storedBytesBefore: before?.bytes_stored ?? 0 };
}

/** A dashboard's series for one user over a range, dense, from the hourly rows of the analytics projection. */
export async function readDashboard(store: ReadStore, query: DashboardQuery): Promise<Series[]> {
  const names = DASHBOARDS[query.dashboard];
  const from = new Date(query.range.from).toISOString();
  const to = new Date(rangeEnd(query.range)).toISOString();
  const limit = hoursIn(query.range);
  const counters = await store.find<AnalyticsHourView>(
    ANALYTICS_HOURS,
    { user_id: query.userId, token_id: query.tokenId, hour: { $gte: from, $lt: to } },
    { sort: [['hour', 1]], limit },
  );
  const needsLevels = names.some((name) => SERIES[name].aggregation === 'level');
  const levels = needsLevels ? await storedBytesRows(store, query.userId, from, to, limit) : { storedBytes: [], storedBytesBefore: 0 };
  return denseSeries(names, query.range, { counters, ...levels });
}
