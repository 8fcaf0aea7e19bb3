/**
 * A sliding window counted in buckets, conservatively: a window of `windowMs` is cut into
 * BUCKETS_PER_WINDOW buckets, and the bucket the window's start falls in counts whole although part of it
 * has already left the window. So the count is never below the requests of the last `windowMs`, and a
 * request is admitted only while that count stays within the limit: no window of that length, wherever
 * it starts, ever holds more than the limit (no double burst at a boundary). The price is that a request
 * stops counting between `windowMs` and `windowMs` plus one bucket after it was made.
 *
 * Pure arithmetic over bucket counts; where the counts live is the counters' business.
 */

export const BUCKETS_PER_WINDOW = 60;

export interface SlidingWindow {
  limit: number;
  windowMs: number;
}

/** Requests per bucket index (a bucket is `[index, index + 1) × bucketMs`); empty buckets may be absent. */
export type BucketCounts = ReadonlyMap<number, number>;

export interface Verdict {
  allowed: boolean;
  /** Requests the window still admits after this one (0 when refused). */
  remaining: number;
  /** When the window next has more room, in ms since the epoch; for a refused request, when it would be admitted. */
  resetAt: number;
}

export const bucketMsOf = (windowMs: number): number => windowMs / BUCKETS_PER_WINDOW;

/** The bucket `now` falls in. */
export const currentBucket = (windowMs: number, now: number): number => Math.floor(now / bucketMsOf(windowMs));

/** The oldest bucket still counted at `now`: the one the window's start falls in. */
export const oldestCountedBucket = (windowMs: number, now: number): number => currentBucket(windowMs, now) - BUCKETS_PER_WINDOW;

/** When a bucket's requests stop counting: once the whole bucket has left the window. */
const stopsCountingAt = (bucket: number, windowMs: number): number => (bucket + BUCKETS_PER_WINDOW + 1) * bucketMsOf(windowMs);

/** When everything counted up to `now` has left the window. */
export const windowEmptyAt = (windowMs: number, now: number): number => stopsCountingAt(currentBucket(windowMs, now), windowMs);

function counted(buckets: BucketCounts, oldest: number): number {
  let total = 0;
  for (let bucket = oldest; bucket <= oldest + BUCKETS_PER_WINDOW; bucket++) total += buckets.get(bucket) ?? 0;
  return total;
}

/** The first moment at which at most `target` of the `used` counted requests still count, oldest buckets leaving first. */
function countFallsTo(buckets: BucketCounts, oldest: number, used: number, target: number, windowMs: number): number {
  let left = used;
  for (let bucket = oldest; bucket < oldest + BUCKETS_PER_WINDOW; bucket++) {
    left -= buckets.get(bucket) ?? 0;
    if (left <= target) return stopsCountingAt(bucket, windowMs);
  }
  return stopsCountingAt(oldest + BUCKETS_PER_WINDOW, windowMs);
}

/**
 * Judges a request already counted in the current bucket of `buckets` (counters add it first, and take it
 * back when any limit refuses it, so that refused requests never count).
 */
export function judge(buckets: BucketCounts, window: SlidingWindow, now: number): Verdict {
  const oldest = oldestCountedBucket(window.windowMs, now);
  const used = counted(buckets, oldest);
  const allowed = used <= window.limit;
  // Admitted: more room as soon as the oldest request leaves. Refused: once this one would fit.
  const target = Math.min(used - 1, window.limit);
  return {
    allowed,
    remaining: allowed ? window.limit - used : 0,
    resetAt: countFallsTo(buckets, oldest, used, target, window.windowMs),
  };
}
