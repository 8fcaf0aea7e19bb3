import { ApiError } from '../apiError';
import { describeRule } from './rateLimitRule';
import type { JudgedRule } from './reportedLimit';

const toSeconds = (ms: number) => Math.ceil(ms / 1000);

/** What a response reports of the limit it was judged by (see reportedLimit). */
export const rateLimitHeaders = ({ rule, verdict }: JudgedRule): Record<string, string> => ({
  'X-RateLimit-Limit': String(rule.limit),
  'X-RateLimit-Remaining': String(verdict.remaining),
  'X-RateLimit-Reset': String(toSeconds(verdict.resetAt)),
});

/** The 429 of a request `refused` refused at `now`: the limit in its X-RateLimit-* headers, and when to retry. */
export function rateLimited(refused: JudgedRule, now: number): ApiError {
  const retryAfter = Math.max(1, toSeconds(refused.verdict.resetAt - now));
  return new ApiError('rate_limited', `${describeRule(refused.rule)} reached`, [], {
    ...rateLimitHeaders(refused),
    'Retry-After': String(retryAfter),
  });
}
