import type { Filter, ReadStore } from '../../ports/readStore';
import { bucketStarts, calendarDays } from '../analytics/timeBuckets';
import type { UsageCounts, UsageStatsGrain, UsageStatsView } from './usageStatsView';
import { addCounts, errorsOf, noCounts, USAGE_STATS } from './usageStatsView';

/** Rows read per grain: 90 days of a user with 200 tokens or 200 routes. Past it the oldest days are left out. */
const MAX_ROWS = 20_000;

export interface UsageSummary {
  totals: UsageCounts;
  /** Every day of the range, oldest first; days without requests have zero counts. */
  byDay: Array<{ day: string; counts: UsageCounts }>;
  /** The tokens with the most requests (login sessions are not tokens), most first. */
  topTokens: Array<{ tokenId: string; counts: UsageCounts }>;
  /** The routes with the most requests; `route` null gathers requests no route matched. */
  topRoutes: Array<{ method: string; route: string | null; counts: UsageCounts }>;
}

/** `YYYY-MM-DD` of each day from `fromDay` to `toDay`, both included. */
const daysFrom = (fromDay: string, toDay: string): string[] =>
  bucketStarts(calendarDays(fromDay, toDay, 'day')).map((start) => new Date(start).toISOString().slice(0, 10));

interface Keyed<K> {
  /** Equal for rows of the same key. */
  id: string;
  key: K;
  counts: UsageCounts;
}

/** Sums entries per key, then keeps the `top` keys with the most requests (more errors, then the id, break ties). */
function topBy<K>(entries: ReadonlyArray<Keyed<K>>, top: number): Array<{ key: K; counts: UsageCounts }> {
  const sums = new Map<string, Keyed<K>>();
  for (const entry of entries) {
    const sum = sums.get(entry.id);
    sums.set(
      entry.id,
      sum ? { ...sum, counts: addCounts(sum.counts, entry.counts) } : { ...entry, counts: addCounts(noCounts(), entry.counts) },
    );
  }
  return [...sums.values()]
    .sort((a, b) => b.counts.requests - a.counts.requests || errorsOf(b.counts) - errorsOf(a.counts) || (a.id < b.id ? -1 : 1))
    .slice(0, top)
    .map(({ key, counts }) => ({ key, counts }));
}

/** A user's usage statistics over whole UTC days `fromDay`..`toDay` (inclusive), from the usage_stats rows. */
export async function summariseUsage(
  readStore: ReadStore,
  userId: string,
  fromDay: string,
  toDay: string,
  top = 10,
): Promise<UsageSummary> {
  const rowsOf = (grain: UsageStatsGrain) => {
    const filter: Filter = { user_id: userId, grain, day: { $gte: fromDay, $lte: toDay } };
    return readStore.find<UsageStatsView>(USAGE_STATS, filter, { sort: [['day', -1]], limit: MAX_ROWS });
  };
  const [days, tokens, routes] = await Promise.all([rowsOf('day'), rowsOf('token'), rowsOf('route')]);
  const byDay = new Map(days.map((row) => [row.day, row]));
  return {
    totals: days.reduce<UsageCounts>((sum, row) => addCounts(sum, row), noCounts()),
    byDay: daysFrom(fromDay, toDay).map((day) => ({ day, counts: addCounts(noCounts(), byDay.get(day) ?? noCounts()) })),
    topTokens: topBy(
      tokens.flatMap((row) => (row.token_id === null ? [] : [{ id: row.token_id, key: row.token_id, counts: row }])),
      top,
    ).map(({ key, counts }) => ({ tokenId: key, counts })),
    topRoutes: topBy(
      routes.map((row) => ({
        id: JSON.stringify([row.method, row.route]),
        key: { method: row.method ?? '', route: row.route },
        counts: row,
      })),
      top,
    ).map(({ key, counts }) => ({ ...key, counts })),
  };
}
