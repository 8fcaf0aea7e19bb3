import type { JudgedRule } from '../../../../src/api/http/rateLimit/reportedLimit';
import { reportedLimit } from '../../../../src/api/http/rateLimit/reportedLimit';

const judged = (name: string, limit: number, allowed: boolean, remaining: number, resetAt: number): JudgedRule => ({
  rule: { key: name, name, limit, windowMs: 60_000 },
  verdict: { allowed, remaining, resetAt },
});

describe('the limit a response reports', () => {
  it.each<[string, JudgedRule[], string]>([
    [
      'admitted: the fewest left',
      [judged('minute', 60, true, 59, 1), judged('day', 10_000, true, 3, 2), judged('token', 1000, true, 999, 3)],
      'day',
    ],
    [
      'admitted, a tie on what is left: the one that frees later',
      [judged('minute', 60, true, 0, 5), judged('search', 50, true, 0, 9)],
      'search',
    ],
    ['admitted, a tie on both: the smaller limit', [judged('minute', 60, true, 2, 5), judged('search', 50, true, 2, 5)], 'search'],
    [
      'refused: the limit that refused, not a tighter-looking one that admitted',
      [judged('minute', 60, true, 0, 9), judged('token', 1000, false, 0, 5)],
      'token',
    ],
    ['refused by two: the one that frees last', [judged('minute', 60, false, 0, 7), judged('day', 10_000, false, 0, 90)], 'day'],
  ])('%s', (_case, rules, expected) => {
    expect(reportedLimit(rules).rule.name).toBe(expected);
  });
});
