/** Analytics buckets are UTC hours or UTC days. */
export type Granularity = 'hour' | 'day';

export const GRANULARITIES = ['hour', 'day'] as const satisfies readonly Granularity[];

const HOUR_MS = 3_600_000;
export const BUCKET_MS: Readonly<Record<Granularity, number>> = { hour: HOUR_MS, day: 24 * HOUR_MS };

/** Most buckets one series answers: 7 days by the hour, 90 days by the day. */
export const MAX_BUCKETS: Readonly<Record<Granularity, number>> = { hour: 7 * 24, day: 90 };

/** The longest span, in days, a series of each granularity may cover. */
export const MAX_DAYS: Readonly<Record<Granularity, number>> = {
  hour: (MAX_BUCKETS.hour * BUCKET_MS.hour) / BUCKET_MS.day,
  day: MAX_BUCKETS.day,
};

/** Start of the bucket holding `time` (milliseconds since the epoch). */
export const bucketStart = (time: number, granularity: Granularity): number =>
  Math.floor(time / BUCKET_MS[granularity]) * BUCKET_MS[granularity];

/** The UTC hour an instant falls in, as an ISO string: the key part of an hourly row. */
export const hourOf = (at: Date): string => new Date(bucketStart(at.getTime(), 'hour')).toISOString();

/** Consecutive buckets: `count` of them from `from`, the start of the first. */
export interface BucketRange {
  from: number;
  count: number;
  granularity: Granularity;
}

/** Exclusive end of the range. */
export const rangeEnd = (range: BucketRange): number => range.from + range.count * BUCKET_MS[range.granularity];

export const bucketStarts = (range: BucketRange): number[] =>
  Array.from({ length: range.count }, (_, index) => range.from + index * BUCKET_MS[range.granularity]);

/** How many buckets of a granularity a span of whole days holds. */
export const bucketsInDays = (days: number, granularity: Granularity): number => (days * BUCKET_MS.day) / BUCKET_MS[granularity];

/** The last `days` days up to now, ending with the bucket now falls in (a rolling window). */
export function lastDays(days: number, granularity: Granularity, now: Date): BucketRange {
  const count = bucketsInDays(days, granularity);
  const current = bucketStart(now.getTime(), granularity);
  return { from: current - (count - 1) * BUCKET_MS[granularity], count, granularity };
}

/**
 * The rolling periods a client names, in days, one definition for every route that takes one (the dashboards'
 * `date_range`, the usage statistics' `period`): that many days' worth of buckets, the one now falls in last.
 * By the day, `7d` is today and the 6 days before; by the hour, the last 168 hours, this one included.
 */
export const PERIOD_DAYS = { '24h': 1, '7d': 7, '30d': 30, '90d': 90 } as const;
export type Period = keyof typeof PERIOD_DAYS;
export const PERIODS = Object.keys(PERIOD_DAYS) as [Period, ...Period[]];
export const DEFAULT_PERIOD: Period = '7d';

/** The buckets of a period (see PERIOD_DAYS) at `now`. */
export const periodRange = (period: Period, granularity: Granularity, now: Date): BucketRange =>
  lastDays(PERIOD_DAYS[period], granularity, now);

/** Whole UTC days from `firstDay` to `lastDay` (`YYYY-MM-DD`, both included). */
export function calendarDays(firstDay: string, lastDay: string, granularity: Granularity): BucketRange {
  const from = Date.parse(`${firstDay}T00:00:00.000Z`);
  const days = daysBetween(firstDay, lastDay);
  return { from, count: bucketsInDays(days, granularity), granularity };
}

/** Days from `firstDay` to `lastDay`, both counted (0 or less when `lastDay` comes first). */
export const daysBetween = (firstDay: string, lastDay: string): number =>
  (Date.parse(`${lastDay}T00:00:00.000Z`) - Date.parse(`${firstDay}T00:00:00.000Z`)) / BUCKET_MS.day + 1;
