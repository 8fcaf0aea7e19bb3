import { rateLimitedAnswerProblem } from '../../../bench/lib/rateLimitedAnswers';

const LIMIT = 300;
const limited = JSON.stringify({
  error: { code: 'rate_limited', message: 'professional plan limit of 300 requests per minute reached', details: [] },
});

const answer = (status: number, headers: Record<string, string>, body = '{}') => ({ status, headers: new Headers(headers), body });
const admitted = (headers: Record<string, string> = {}) =>
  answer(200, { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '12', 'x-ratelimit-reset': '1767225600', ...headers });
const refused = (headers: Record<string, string> = {}, body = limited) =>
  answer(
    429,
    { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1767225600', 'retry-after': '31', ...headers },
    body,
  );

describe('rateLimitedAnswerProblem', () => {
  it('accepts a 200 and a 429 that report the limit as they should', () => {
    expect(rateLimitedAnswerProblem(admitted(), LIMIT)).toBeNull();
    expect(rateLimitedAnswerProblem(refused(), LIMIT)).toBeNull();
  });

  it.each([
    ['another limit', admitted({ 'x-ratelimit-limit': '60' }), '200 with X-RateLimit-Limit 60 (not 300)'],
    ['no Remaining', answer(200, { 'x-ratelimit-limit': '300', 'x-ratelimit-reset': '1' }), '200 with X-RateLimit-Remaining null'],
    ['Remaining at the limit', admitted({ 'x-ratelimit-remaining': '300' }), '200 with X-RateLimit-Remaining 300'],
    ['no Reset', answer(200, { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '3' }), '200 with X-RateLimit-Reset null'],
    ['a 429 with requests left', refused({ 'x-ratelimit-remaining': '2' }), '429 with X-RateLimit-Remaining 2'],
    [
      'a 429 without Retry-After',
      answer(429, { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1' }, limited),
      '429 with Retry-After null',
    ],
    ['a 429 asking to wait past a window and a bucket', refused({ 'retry-after': '62' }), '429 with Retry-After 62'],
    ['a 429 outside the error envelope', refused({}, 'Too Many Requests'), '429 with error code undefined'],
    ['another status', answer(500, {}), 'status 500'],
    ['no answer', answer(0, {}), 'no answer'],
  ])('names what is wrong: %s', (_case, given, problem) => {
    expect(rateLimitedAnswerProblem(given, LIMIT)).toBe(problem);
  });
});
