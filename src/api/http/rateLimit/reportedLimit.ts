import type { RateLimitRule } from './rateLimitRule';
import type { Verdict } from './slidingWindow';

export interface JudgedRule {
  rule: RateLimitRule;
  verdict: Verdict;
}

/** Fewest requests left first; on a tie, the one that frees later, then the smaller limit. */
const tighter = (a: JudgedRule, b: JudgedRule): boolean =>
  a.verdict.remaining !== b.verdict.remaining
    ? a.verdict.remaining < b.verdict.remaining
    : a.verdict.resetAt !== b.verdict.resetAt
      ? a.verdict.resetAt > b.verdict.resetAt
      : a.rule.limit < b.rule.limit;

/**
 * The one limit a response reports in its X-RateLimit-* headers. Admitted: the tightest. Refused: of
 * the limits that refused, the one that frees last, since the request fits only once all of them have room.
 */
export function reportedLimit(judged: readonly JudgedRule[]): JudgedRule {
  const refusing = judged.filter(({ verdict }) => !verdict.allowed);
  if (refusing.length > 0) return refusing.reduce((latest, next) => (next.verdict.resetAt > latest.verdict.resetAt ? next : latest));
  return judged.reduce((tightest, next) => (tighter(next, tightest) ? next : tightest));
}
