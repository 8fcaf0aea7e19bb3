/**
 * A mergeable latency histogram over fixed log-scale buckets: bucket `i` holds durations in
 * (0.1 ms × 2^((i-1)/4), 0.1 ms × 2^(i/4)], bucket 0 everything up to 0.1 ms, the last one everything
 * longer than about 56 minutes. Four buckets per doubling keep a percentile within 19% of the exact one;
 * histograms of any rows add up (sum the counts per bucket), so a day's p95 is built from its rows.
 * Stored sparse: bucket index (as a string) → count.
 */
export type LatencyHistogram = Record<string, number>;

const SMALLEST_BOUND_MS = 0.1;
const BUCKETS_PER_DOUBLING = 4;
const LAST_BUCKET = 100;

export function latencyBucket(durationMs: number): number {
  if (!(durationMs > SMALLEST_BOUND_MS)) return 0;
  const index = Math.ceil(BUCKETS_PER_DOUBLING * Math.log2(durationMs / SMALLEST_BOUND_MS) - 1e-9);
  return Math.min(index, LAST_BUCKET);
}

/** The largest duration bucket `index` holds, rounded up to a microsecond (the last bucket also holds everything longer). */
export const bucketUpperBoundMs = (index: number): number =>
  Math.ceil(SMALLEST_BOUND_MS * 2 ** (Math.min(index, LAST_BUCKET) / BUCKETS_PER_DOUBLING) * 1000) / 1000;

export function recordLatency(histogram: LatencyHistogram, durationMs: number, count = 1): LatencyHistogram {
  const key = String(latencyBucket(durationMs));
  return { ...histogram, [key]: (histogram[key] ?? 0) + count };
}

export function mergeHistograms(...histograms: readonly LatencyHistogram[]): LatencyHistogram {
  const merged: LatencyHistogram = {};
  for (const histogram of histograms) for (const [key, count] of Object.entries(histogram)) merged[key] = (merged[key] ?? 0) + count;
  return merged;
}

/**
 * The `quantile` (0.5 for p50) of the recorded durations, as the upper bound of the bucket it falls in:
 * at least the exact value and less than 19% above it. Null for an empty histogram.
 */
export function percentileMs(histogram: LatencyHistogram, quantile: number): number | null {
  const buckets = Object.entries(histogram)
    .map(([key, count]) => [Number(key), count] as const)
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => a - b);
  const total = buckets.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(quantile * total));
  let seen = 0;
  for (const [index, count] of buckets) {
    seen += count;
    if (seen >= rank) return bucketUpperBoundMs(index);
  }
  return bucketUpperBoundMs(buckets[buckets.length - 1]![0]);
}
