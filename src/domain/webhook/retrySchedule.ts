import type { AttemptErrorClass } from './deliveryEvents';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** DESIGN §6: the waits before the 2nd … 10th attempt; after the 10th failure none is left. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  14 * HOUR,
  20 * HOUR,
  24 * HOUR,
];

/** 429s and timeouts wait at least this long, whatever the schedule says. */
export const DEFAULT_MIN_BACKOFF_MS = MINUTE;

/** A `Retry-After` is believed within these bounds. */
export const RETRY_AFTER_BOUNDS_MS = { min: SECOND, max: 24 * HOUR } as const;

/** Each scheduled wait is moved by up to this fraction either way, so failed bursts do not retry in step. */
export const RETRY_JITTER = 0.2;

export interface RetrySchedule {
  delaysMs: readonly number[];
  /** The least wait after a 429 or a timeout. */
  minBackoffMs: number;
}

export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = { delaysMs: DEFAULT_RETRY_DELAYS_MS, minBackoffMs: DEFAULT_MIN_BACKOFF_MS };

/** What the schedule needs of a failed attempt. */
export interface FailedAttempt {
  /** 1-based: the first attempt's failure waits `delaysMs[0]`. */
  attempt: number;
  errorClass: AttemptErrorClass;
  /** The wait an endpoint asked for with `Retry-After`, in ms; null without one. */
  retryAfterMs: number | null;
}

/** Error classes after which no retry can help. */
const FINAL_ERRORS: ReadonlySet<AttemptErrorClass> = new Set(['gone']);

/** Error classes that mean "slow down": they wait at least `minBackoffMs`. */
const BACKOFF_ERRORS: ReadonlySet<AttemptErrorClass> = new Set(['rate_limited', 'timeout']);

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * How long to wait before the next attempt, in ms, or null when none is left (the schedule is used up, or
 * the endpoint is gone). `jitterDraw` is a number in [0, 1), drawn by the caller so this stays deterministic.
 * A `Retry-After` (within its bounds) replaces the scheduled wait, without jitter: the endpoint said when.
 */
export function retryDelayMs(schedule: RetrySchedule, failed: FailedAttempt, jitterDraw: number): number | null {
  if (FINAL_ERRORS.has(failed.errorClass)) return null;
  const scheduled = schedule.delaysMs[failed.attempt - 1];
  if (scheduled === undefined) return null;
  const wait =
    failed.retryAfterMs === null
      ? Math.round(scheduled * (1 + RETRY_JITTER * (2 * jitterDraw - 1)))
      : clamp(failed.retryAfterMs, RETRY_AFTER_BOUNDS_MS.min, RETRY_AFTER_BOUNDS_MS.max);
  return BACKOFF_ERRORS.has(failed.errorClass) ? Math.max(wait, schedule.minBackoffMs) : wait;
}
