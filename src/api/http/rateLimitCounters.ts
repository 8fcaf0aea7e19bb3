import type { RateLimitRule } from './rateLimit/rateLimitRule';
import type { Verdict } from './rateLimit/slidingWindow';

/**
 * Request counts per limit key, in the buckets of its sliding window (see rateLimit/slidingWindow.ts):
 * in this process (rateLimit/localRateLimitCounters.ts) or shared by every API replica through the read
 * store (rateLimit/sharedRateLimitCounters.ts).
 */
export interface RateLimitCounters {
  /**
   * Counts one request against every rule and judges it by each; when any rule refuses it, it is taken
   * back from all of them, so a refused request uses up nothing.
   */
  take(rules: readonly RateLimitRule[], now: number): Promise<Verdict[]>;
  /**
   * Takes back a request admitted by `take` at `takenAt` from every rule, as `take` does with one they
   * refuse: for requests that turn out not to count (a link password that was right).
   */
  giveBack(rules: readonly RateLimitRule[], takenAt: number): Promise<void>;
  close(): void;
}

export const admittedByAll = (verdicts: readonly Verdict[]): boolean => verdicts.every((verdict) => verdict.allowed);
