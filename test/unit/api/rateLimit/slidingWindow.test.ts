import type { Verdict } from '../../../../src/api/http/rateLimit/slidingWindow';
import { judge } from '../../../../src/api/http/rateLimit/slidingWindow';

/** A limit of 3 per minute: buckets of one second. */
const WINDOW = { limit: 3, windowMs: 60_000 };
const SECOND = 1000;

const buckets = (counts: Record<number, number>) => new Map(Object.entries(counts).map(([bucket, count]) => [Number(bucket), count]));

describe('a sliding window judging a request already counted in the current bucket', () => {
  it.each<[string, Record<number, number>, number, Verdict]>([
    ['the first request', { 0: 1 }, 0, { allowed: true, remaining: 2, resetAt: 61 * SECOND }],
    [
      'the last that fits: more room once the oldest leaves',
      { 0: 1, 10: 1, 20: 1 },
      20_500,
      { allowed: true, remaining: 0, resetAt: 61 * SECOND },
    ],
    [
      'one too many: it fits once the oldest leaves',
      { 0: 1, 10: 1, 20: 2 },
      20_500,
      { allowed: false, remaining: 0, resetAt: 61 * SECOND },
    ],
    ['a partly expired bucket counts whole', { 0: 3, 60: 1 }, 60_999, { allowed: false, remaining: 0, resetAt: 61 * SECOND }],
    ['a bucket wholly out of the window counts no more', { 0: 3, 61: 1 }, 61_000, { allowed: true, remaining: 2, resetAt: 122 * SECOND }],
    [
      'far over a lowered limit: it fits once enough buckets left',
      { 0: 5, 30: 5, 40: 1 },
      40_000,
      { allowed: false, remaining: 0, resetAt: 91 * SECOND },
    ],
  ])('%s', (_case, counts, now, expected) => {
    expect(judge(buckets(counts), WINDOW, now)).toEqual(expected);
  });

  it('scales its buckets with the window: a day in buckets of 24 minutes', () => {
    const day = { limit: 2, windowMs: 86_400_000 };
    const bucketMs = 24 * 60_000;
    expect(judge(buckets({ 10: 1, 11: 2 }), day, 11 * bucketMs)).toEqual({ allowed: false, remaining: 0, resetAt: 71 * bucketMs });
  });
});
