import type { AnalyticsHourView, Counter, StoredBytesHourView } from './analyticsViews';
import type { LevelSeries, SeriesDefinition, SeriesName } from './dashboards';
import { SERIES } from './dashboards';
import type { BucketRange } from './timeBuckets';
import { BUCKET_MS, bucketStarts } from './timeBuckets';

export interface SeriesPoint {
  /** Start of the bucket, ISO. */
  at: string;
  value: number;
}

export interface Series {
  name: SeriesName;
  unit: SeriesDefinition['unit'];
  aggregation: SeriesDefinition['aggregation'];
  points: SeriesPoint[];
  /** The sum of the points, or for a level the value at the end of the range. */
  total: number;
}

/** The hourly rows a series is built from, in the range and in hour order, and the level before the range. */
export interface SeriesRows {
  counters: readonly AnalyticsHourView[];
  storedBytes: readonly StoredBytesHourView[];
  storedBytesBefore: number;
}

const isLevel = (name: SeriesName): name is LevelSeries => SERIES[name].aggregation === 'level';

const indexIn = (range: BucketRange, hour: string): number => Math.floor((Date.parse(hour) - range.from) / BUCKET_MS[range.granularity]);

function sums(range: BucketRange, rows: readonly AnalyticsHourView[], counter: Counter): number[] {
  const values = new Array<number>(range.count).fill(0);
  for (const row of rows) {
    const index = indexIn(range, row.hour);
    if (index >= 0 && index < range.count) values[index]! += row[counter] ?? 0;
  }
  return values;
}

/** The level at the end of each bucket: the last change in it, or the level carried over from before. */
function levels(range: BucketRange, rows: readonly StoredBytesHourView[], before: number): number[] {
  const lastInBucket = new Map<number, number>();
  for (const row of rows) lastInBucket.set(indexIn(range, row.hour), row.bytes_stored);
  let level = before;
  return Array.from({ length: range.count }, (_, index) => (level = lastInBucket.get(index) ?? level));
}

/** Every bucket of the range gets a point (zero, or the carried level, where nothing happened). */
export function denseSeries(names: readonly SeriesName[], range: BucketRange, rows: SeriesRows): Series[] {
  const starts = bucketStarts(range).map((start) => new Date(start).toISOString());
  return names.map((name) => {
    const values = isLevel(name) ? levels(range, rows.storedBytes, rows.storedBytesBefore) : sums(range, rows.counters, name);
    const total = isLevel(name) ? (values[values.length - 1] ?? rows.storedBytesBefore) : values.reduce((sum, value) => sum + value, 0);
    const { unit, aggregation } = SERIES[name];
    return { name, unit, aggregation, points: starts.map((at, index) => ({ at, value: values[index] ?? 0 })), total };
  });
}
