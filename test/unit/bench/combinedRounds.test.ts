import { combinedRounds } from '../../../bench/lib/combinedRounds';
import type { LoadFigures } from '../../../bench/lib/loadTest';

const round = (okPerSecond: number, seconds: number, p50: number, p99: number, statuses: Record<string, number>): LoadFigures => {
  const responses = Object.values(statuses).reduce((total, times) => total + times, 0);
  const non2xx = responses - (statuses['200'] ?? 0);
  return { okPerSecond, p50, p99, responses, non2xx, errors: 0, statuses, seconds };
};

describe('combinedRounds', () => {
  it('adds up counts and seconds, and takes the median of the percentiles', () => {
    const combined = combinedRounds([
      round(100, 10, 5, 40, { 200: 1000 }),
      round(200, 10, 3, 20, { 200: 2000, 429: 4 }),
      round(150, 20, 4, 90, { 200: 3000 }),
    ]);
    expect(combined).toEqual({
      okPerSecond: 150,
      p50: 4,
      p99: 40,
      responses: 6004,
      non2xx: 4,
      errors: 0,
      statuses: { 200: 6000, 429: 4 },
      seconds: 40,
    });
  });

  it('refuses to combine nothing', () => {
    expect(() => combinedRounds([])).toThrow('no rounds');
  });
});
