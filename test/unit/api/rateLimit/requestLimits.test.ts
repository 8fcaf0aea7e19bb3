import { describeRule, windowName } from '../../../../src/api/http/rateLimit/rateLimitRule';
import { requestLimits } from '../../../../src/api/http/rateLimit/requestLimits';
import type { Principal } from '../../../../src/api/auth/principal';
import type { RouteRateLimit } from '../../../../src/api/http/rateLimit/routeRateLimit';

const session: Principal = { userId: 'u1', kind: 'session', scopes: new Set() };
const token: Principal = { userId: 'u1', kind: 'token', tokenId: 't1', scopes: new Set() };
const options = { anonymousPerMinute: 30 };
const search = { name: 'user search', limit: 50, windowMs: 60_000 };

/** What each rule is, without the noise: `name limit/window key`. */
type Plan = 'basic' | 'professional' | 'enterprise';
const summary = (principal: Principal | null, plan: Plan, route?: RouteRateLimit) =>
  requestLimits({ principal, plan, ip: '192.0.2.1' }, route, options).map((rule) => `${describeRule(rule)} [${rule.key}]`);

describe('the limits of one request', () => {
  it.each<[string, Principal | null, Plan, string[]]>([
    ['anonymous: by address', null, 'basic', ['anonymous limit of 30 requests per minute [ip:192.0.2.1@60000]']],
    [
      'a basic session: the plan per minute and per day',
      session,
      'basic',
      ['basic plan limit of 60 requests per minute [user:u1@60000]', 'basic plan limit of 10000 requests per day [user:u1@86400000]'],
    ],
    [
      'a professional session',
      session,
      'professional',
      [
        'professional plan limit of 300 requests per minute [user:u1@60000]',
        'professional plan limit of 100000 requests per day [user:u1@86400000]',
      ],
    ],
    ['an enterprise session: no daily limit', session, 'enterprise', ['enterprise plan limit of 1000 requests per minute [user:u1@60000]']],
    [
      'a token without a limit of its own: 1,000 an hour, and the plan of its user',
      token,
      'enterprise',
      ['enterprise plan limit of 1000 requests per minute [user:u1@60000]', 'token limit of 1000 requests per hour [token:t1@3600000]'],
    ],
  ])('%s', (_case, principal, plan, expected) => {
    expect(summary(principal, plan)).toEqual(expected);
  });

  it("uses a token's own hourly limit", () => {
    expect(summary({ ...token, tokenRateLimitPerHour: 5 }, 'enterprise')).toContain(
      'token limit of 5 requests per hour [token:t1@3600000]',
    );
  });

  it("adds a route's own limit, per user or per address, shared by every route that declares its name", () => {
    expect(summary(session, 'enterprise', search)).toContain(
      'user search limit of 50 requests per minute [route:user search:user:u1@60000]',
    );
    expect(summary(null, 'basic', search)).toContain('user search limit of 50 requests per minute [route:user search:ip:192.0.2.1@60000]');
  });

  it.each([
    [60_000, 'minute'],
    [3_600_000, 'hour'],
    [86_400_000, 'day'],
    [300_000, '5 minutes'],
    [1500, '1500 ms'],
  ])('names a window of %i ms "%s"', (windowMs, name) => {
    expect(windowName(windowMs)).toBe(name);
  });
});
