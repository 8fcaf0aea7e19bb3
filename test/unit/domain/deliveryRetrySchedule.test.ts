import type { AttemptErrorClass } from '../../../src/domain/webhook/deliveryEvents';
import { DEFAULT_RETRY_DELAYS_MS, DEFAULT_RETRY_SCHEDULE, retryDelayMs } from '../../../src/domain/webhook/retrySchedule';

const failure = (attempt: number, errorClass: AttemptErrorClass = 'http_status', retryAfterMs: number | null = null) => ({
  attempt,
  errorClass,
  retryAfterMs,
});
const MIDDLE_DRAW = 0.5;

describe('retry schedule', () => {
  it("waits DESIGN's 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h, then gives up after the 10th attempt", () => {
    const waits = Array.from({ length: 10 }, (_, index) => retryDelayMs(DEFAULT_RETRY_SCHEDULE, failure(index + 1), MIDDLE_DRAW));
    const hour = 3_600_000;
    expect(waits).toEqual([5000, 300_000, 1_800_000, 2 * hour, 5 * hour, 10 * hour, 14 * hour, 20 * hour, 24 * hour, null]);
  });

  it('moves each wait by at most 20% either way', () => {
    expect(retryDelayMs(DEFAULT_RETRY_SCHEDULE, failure(1), 0)).toBe(4000);
    expect(retryDelayMs(DEFAULT_RETRY_SCHEDULE, failure(1), 0.999999)).toBe(6000);
    expect(retryDelayMs(DEFAULT_RETRY_SCHEDULE, failure(2), 0.25)).toBe(270_000);
  });

  it('honours Retry-After within 1 s and 24 h, without jitter', () => {
    expect(retryDelayMs(DEFAULT_RETRY_SCHEDULE, failure(1, 'http_status', 2000), 0)).toBe(2000);
    expect(retryDelayMs(DEFAULT_RETRY_SCHEDULE, failure(1, 'http_status', 10), 0)).toBe(1000);
    expect(retryDelayMs(DEFAULT_RETRY_SCHEDULE, failure(1, 'http_status', 90 * 86_400_000), 0)).toBe(86_400_000);
  });

  it('makes 429s and timeouts wait at least the minimum backoff, Retry-After or not', () => {
    expect(retryDelayMs(DEFAULT_RETRY_SCHEDULE, failure(1, 'rate_limited'), MIDDLE_DRAW)).toBe(60_000);
    expect(retryDelayMs(DEFAULT_RETRY_SCHEDULE, failure(1, 'timeout'), MIDDLE_DRAW)).toBe(60_000);
    expect(retryDelayMs(DEFAULT_RETRY_SCHEDULE, failure(1, 'rate_limited', 2000), MIDDLE_DRAW)).toBe(60_000);
    expect(retryDelayMs(DEFAULT_RETRY_SCHEDULE, failure(3, 'rate_limited'), MIDDLE_DRAW)).toBe(1_800_000);
    expect(retryDelayMs({ ...DEFAULT_RETRY_SCHEDULE, minBackoffMs: 100 }, failure(1, 'rate_limited', 2000), MIDDLE_DRAW)).toBe(2000);
  });

  it('never retries a 410', () => {
    expect(retryDelayMs(DEFAULT_RETRY_SCHEDULE, failure(1, 'gone'), MIDDLE_DRAW)).toBeNull();
  });

  it('follows a shorter schedule when one is configured', () => {
    const schedule = { delaysMs: [100, 200], minBackoffMs: 60_000 };
    expect([1, 2, 3].map((attempt) => retryDelayMs(schedule, failure(attempt), MIDDLE_DRAW))).toEqual([100, 200, null]);
    expect(DEFAULT_RETRY_DELAYS_MS).toHaveLength(9);
  });
});
