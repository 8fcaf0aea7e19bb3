/** An answer from a run against an enforced rate limit. */
export interface RateLimitedAnswer {
  /** 0: no answer (a connection error). */
  status: number;
  headers: Headers;
  body: string;
}

/** A window plus the one bucket the limiter may count a request for beyond it (see rateLimit/slidingWindow.ts). */
const MOST_RETRY_AFTER_SECONDS = 61;

function integerHeader(headers: Headers, name: string): number | null {
  const raw = headers.get(name);
  return raw !== null && /^\d+$/.test(raw) ? Number(raw) : null;
}

function errorCode(body: string): unknown {
  try {
    return (JSON.parse(body) as { error?: { code?: unknown } }).error?.code;
  } catch {
    return undefined;
  }
}

/**
 * What is wrong with one answer of a run against `limit`, or null: a 200 must report the limit and what
 * is left of it, a 429 the limit, nothing left, a reset time and a Retry-After, in the error envelope;
 * any other status is wrong in itself.
 */
export function rateLimitedAnswerProblem(answer: RateLimitedAnswer, limit: number): string | null {
  const { status, headers } = answer;
  if (status !== 200 && status !== 429) return status === 0 ? 'no answer' : `status ${status}`;
  const reported = integerHeader(headers, 'x-ratelimit-limit');
  if (reported !== limit) return `${status} with X-RateLimit-Limit ${headers.get('x-ratelimit-limit')} (not ${limit})`;
  const remaining = integerHeader(headers, 'x-ratelimit-remaining');
  if (remaining === null || remaining >= limit || (status === 429 && remaining !== 0)) {
    return `${status} with X-RateLimit-Remaining ${headers.get('x-ratelimit-remaining')}`;
  }
  if (integerHeader(headers, 'x-ratelimit-reset') === null) return `${status} with X-RateLimit-Reset ${headers.get('x-ratelimit-reset')}`;
  if (status === 200) return null;
  const retryAfter = integerHeader(headers, 'retry-after');
  if (retryAfter === null || retryAfter < 1 || retryAfter > MOST_RETRY_AFTER_SECONDS)
    return `429 with Retry-After ${headers.get('retry-after')}`;
  const code = errorCode(answer.body);
  return code === 'rate_limited' ? null : `429 with error code ${String(code)}`;
}
