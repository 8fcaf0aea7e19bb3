import type { Document, ReadStore } from '../../../ports/readStore';
import type { RateLimitCounters } from '../rateLimitCounters';
import { admittedByAll } from '../rateLimitCounters';
import type { RateLimitRule } from './rateLimitRule';
import type { BucketCounts, Verdict } from './slidingWindow';
import { currentBucket, judge, oldestCountedBucket, windowEmptyAt } from './slidingWindow';

const COLLECTION = 'rate_limit_windows';
const SWEEP_MS = 60_000;
const SWEEP_BATCH = 500;

/** One limit key: its buckets as `buckets.b<index>: count`, and when all of them have left the window. */
interface WindowDocument extends Document {
  buckets?: Record<string, number>;
  expires_at: number;
}

const bucketField = (bucket: number) => `buckets.b${bucket}`;

function bucketsOf(doc: WindowDocument | null): Map<number, number> {
  const buckets = new Map<number, number>();
  for (const [field, count] of Object.entries(doc?.buckets ?? {})) buckets.set(Number(field.slice(1)), count);
  return buckets;
}

/**
 * Counters shared by every API replica through the read store (MongoDB in the distributed profile). A
 * request is first counted ($inc, atomic per document) and the key's buckets read back, which include
 * every request counted before the read, so whatever the interleaving no window admits more than its
 * limit; a refused request is then taken back. Two racing requests may both see the other and both be
 * refused where one would have fit: near the limit, replicas err on the strict side.
 * Buckets that left the window are unset as they are seen; keys idle past their window are swept every
 * minute, a bounded batch at a time.
 */
export class SharedRateLimitCounters implements RateLimitCounters {
  private readonly sweeper = setInterval(() => void this.sweep().catch(() => undefined), SWEEP_MS).unref();

  constructor(
    private readonly store: ReadStore,
    private readonly now: () => number = Date.now,
  ) {}

  async take(rules: readonly RateLimitRule[], now: number): Promise<Verdict[]> {
    const counted = await Promise.all(rules.map((rule) => this.countOne(rule, now)));
    const verdicts = rules.map((rule, i) => judge(counted[i]!, rule, now));
    if (!admittedByAll(verdicts)) await this.giveBack(rules, now);
    return verdicts;
  }

  async giveBack(rules: readonly RateLimitRule[], takenAt: number): Promise<void> {
    await Promise.all(
      rules.map((rule) => this.store.patch(COLLECTION, rule.key, { $inc: { [bucketField(currentBucket(rule.windowMs, takenAt))]: -1 } })),
    );
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  /**
   * Deletes keys whose windows have emptied, a bounded batch at a time; answers how many it deleted. Each
   * delete holds only while the key is still expired: a request counted since it was found moved its expiry
   * on, and keeps it (deleting it would lose that count and let one request too many through).
   */
  async sweep(): Promise<number> {
    const stillExpired = { expires_at: { $lte: this.now() } };
    const expired = await this.store.find<WindowDocument>(COLLECTION, stillExpired, { limit: SWEEP_BATCH });
    let deleted = 0;
    for (const window of expired) if (await this.store.delete(COLLECTION, window._id, { where: stillExpired })) deleted += 1;
    return deleted;
  }

  private async countOne(rule: RateLimitRule, now: number): Promise<BucketCounts> {
    const update = {
      $inc: { [bucketField(currentBucket(rule.windowMs, now))]: 1 },
      $set: { expires_at: windowEmptyAt(rule.windowMs, now) },
    };
    await this.store.patch(COLLECTION, rule.key, update, { upsert: true });
    const buckets = bucketsOf(await this.store.get<WindowDocument>(COLLECTION, rule.key));
    this.dropLeftBuckets(rule, buckets, now);
    return buckets;
  }

  /** Unsets buckets that have left the window; no one counts in them any more, so this races with nothing. */
  private dropLeftBuckets(rule: RateLimitRule, buckets: Map<number, number>, now: number): void {
    const oldest = oldestCountedBucket(rule.windowMs, now);
    const left = [...buckets.keys()].filter((bucket) => bucket < oldest);
    if (left.length === 0) return;
    for (const bucket of left) buckets.delete(bucket);
    void this.store.patch(COLLECTION, rule.key, { $unset: left.map(bucketField) }).catch(() => undefined);
  }
}
