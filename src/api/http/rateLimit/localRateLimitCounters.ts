import type { RateLimitCounters } from '../rateLimitCounters';
import { admittedByAll } from '../rateLimitCounters';
import type { RateLimitRule } from './rateLimitRule';
import type { Verdict } from './slidingWindow';
import { currentBucket, judge, oldestCountedBucket, windowEmptyAt } from './slidingWindow';

const SWEEP_MS = 60_000;

interface KeyCounts {
  buckets: Map<number, number>;
  /** When every bucket counted so far has left the window (ms since the epoch). */
  emptyAt: number;
}

function add(buckets: Map<number, number>, bucket: number, delta: number): void {
  const count = (buckets.get(bucket) ?? 0) + delta;
  if (count > 0) buckets.set(bucket, count);
  else buckets.delete(bucket);
}

/**
 * Counters of this process alone: the embedded profile, where one process serves every request. A
 * request is counted, judged and, if refused, taken back in one synchronous step, so concurrent requests
 * never see each other's reservations and the limit is met exactly. Keys whose windows have emptied are
 * swept every minute.
 */
export class LocalRateLimitCounters implements RateLimitCounters {
  private readonly counts = new Map<string, KeyCounts>();
  private readonly sweeper = setInterval(() => this.sweep(), SWEEP_MS).unref();

  constructor(private readonly now: () => number = Date.now) {}

  take(rules: readonly RateLimitRule[], now: number): Promise<Verdict[]> {
    const counted = rules.map((rule) => this.countOne(rule, now));
    const verdicts = rules.map((rule, i) => judge(counted[i]!, rule, now));
    if (!admittedByAll(verdicts)) this.takeBack(rules, now);
    return Promise.resolve(verdicts);
  }

  giveBack(rules: readonly RateLimitRule[], takenAt: number): Promise<void> {
    this.takeBack(rules, takenAt);
    return Promise.resolve();
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  /** Keys held now (for tests of the sweep). */
  get size(): number {
    return this.counts.size;
  }

  sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.counts) if (entry.emptyAt <= now) this.counts.delete(key);
  }

  private takeBack(rules: readonly RateLimitRule[], takenAt: number): void {
    for (const rule of rules) {
      const entry = this.counts.get(rule.key);
      if (entry) add(entry.buckets, currentBucket(rule.windowMs, takenAt), -1);
    }
  }

  private countOne(rule: RateLimitRule, now: number): Map<number, number> {
    let entry = this.counts.get(rule.key);
    if (!entry) {
      entry = { buckets: new Map(), emptyAt: 0 };
      this.counts.set(rule.key, entry);
    }
    // Buckets are added as time goes on, so those that left the window come first in the map.
    const oldest = oldestCountedBucket(rule.windowMs, now);
    for (const bucket of entry.buckets.keys()) {
      if (bucket >= oldest) break;
      entry.buckets.delete(bucket);
    }
    add(entry.buckets, currentBucket(rule.windowMs, now), 1);
    entry.emptyAt = windowEmptyAt(rule.windowMs, now);
    return entry.buckets;
  }
}
