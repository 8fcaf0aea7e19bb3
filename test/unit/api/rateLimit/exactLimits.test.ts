import { LocalRateLimitCounters } from '../../../../src/api/http/rateLimit/localRateLimitCounters';
import type { RateLimitRule } from '../../../../src/api/http/rateLimit/rateLimitRule';
import { MINUTE_MS } from '../../../../src/api/http/rateLimit/rateLimitRule';

/** The limiter over simulated time: request schedules in, admitted request times out. */

const perMinute = (limit: number, key = 'user:a'): RateLimitRule => ({
  key: `${key}@${MINUTE_MS}`,
  name: 'test',
  limit,
  windowMs: MINUTE_MS,
});

async function admittedOf(
  schedule: readonly number[],
  rules: readonly RateLimitRule[],
  counters = new LocalRateLimitCounters(),
): Promise<number[]> {
  const admitted: number[] = [];
  try {
    for (const now of schedule) {
      const verdicts = await counters.take(rules, now);
      if (verdicts.every((verdict) => verdict.allowed)) admitted.push(now);
    }
  } finally {
    counters.close();
  }
  return admitted;
}

/** `count` requests evenly spread over `[from, from + durationMs)`. */
const evenly = (from: number, durationMs: number, count: number) =>
  Array.from({ length: count }, (_, i) => from + Math.floor((i * durationMs) / count));

/** The most admitted requests in any window of `windowMs` (the window ending at each admitted request suffices). */
function busiestWindow(admitted: readonly number[], windowMs: number): number {
  let busiest = 0;
  let start = 0;
  for (let end = 0; end < admitted.length; end++) {
    while (admitted[start]! <= admitted[end]! - windowMs) start++;
    busiest = Math.max(busiest, end - start + 1);
  }
  return busiest;
}

/**
 * Bursts at about twice `limit` a minute, with a lull of up to 30 s now and then; deterministic (a linear
 * congruential generator), so every run is the same.
 */
function burstySchedule(seed: number, limit: number, count: number): number[] {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const times: number[] = [];
  let now = 1_700_000_000_000 + Math.floor(next() * MINUTE_MS);
  for (let i = 0; i < count; i++) {
    now += next() < 1 - 1 / limit ? Math.floor((next() * MINUTE_MS) / limit) : Math.floor(next() * 30_000);
    times.push(now);
  }
  return times;
}

describe('the exact limiter', () => {
  it('lets no second burst through at a minute boundary', async () => {
    const boundary = 1_700_000_040_000; // a wall-clock minute
    const schedule = [...evenly(boundary - 100, 50, 60), ...evenly(boundary + 100, 50, 60), boundary + 59_950, boundary + 61_000];
    const admitted = await admittedOf(schedule, [perMinute(60)]);
    expect(admitted).toHaveLength(61);
    expect(admitted.filter((time) => time > boundary && time < boundary + 60_000)).toEqual([]);
    expect(admitted.at(-1)).toBe(boundary + 61_000);
  });

  it.each([
    [10, 1],
    [60, 2],
    [300, 3],
  ])('never admits more than %i in any window of a minute, whatever the schedule (seed %i)', async (limit, seed) => {
    const schedule = burstySchedule(seed, limit, 20 * limit);
    const admitted = await admittedOf(schedule, [perMinute(limit)]);
    expect(busiestWindow(admitted, MINUTE_MS)).toBe(limit);
  });

  it.each([60, 300, 1000])('admits %i, within 1%% of the limit, over a 60-second run at twice a per-minute limit', async (limit) => {
    const admitted = await admittedOf(evenly(1_700_000_012_345, MINUTE_MS, 2 * limit), [perMinute(limit)]);
    expect(admitted.length).toBeGreaterThanOrEqual(Math.ceil(0.99 * limit));
    expect(admitted.length).toBeLessThanOrEqual(limit);
  });

  it('does not count refused requests: a client hammering at twice the limit keeps getting nearly all of it', async () => {
    const limit = 60;
    const start = 1_700_000_012_345;
    const admitted = await admittedOf(evenly(start, 5 * MINUTE_MS, 10 * limit), [perMinute(limit)]);
    const perMinuteAdmitted = [0, 1, 2, 3, 4].map(
      (minute) => admitted.filter((time) => Math.floor((time - start) / MINUTE_MS) === minute).length,
    );
    for (const count of perMinuteAdmitted) expect(count).toBeGreaterThanOrEqual(limit - 2);
    expect(admitted.length).toBeGreaterThanOrEqual(Math.floor(0.98 * 5 * limit));
    expect(busiestWindow(admitted, MINUTE_MS)).toBe(limit);
  });

  it('counts a request refused by one limit against none of the others', async () => {
    const counters = new LocalRateLimitCounters();
    const tight = perMinute(2, 'token:t');
    const loose = perMinute(5, 'user:u');
    const now = 1_700_000_000_000;
    const both = await admittedOf(evenly(now, 100, 5), [tight, loose], counters);
    const looseAlone = await admittedOf(evenly(now + 200, 100, 5), [loose], counters);
    expect([both.length, looseAlone.length]).toEqual([2, 3]);
  });
});
