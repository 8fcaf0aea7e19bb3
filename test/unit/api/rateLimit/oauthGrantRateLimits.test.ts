import { describeRule } from '../../../../src/api/http/rateLimit/rateLimitRule';
import { requestLimits } from '../../../../src/api/http/rateLimit/requestLimits';
import type { Principal } from '../../../../src/api/auth/principal';

const oauth: Principal = {
  userId: 'u1',
  kind: 'oauth',
  scopes: new Set(['files.read']),
  oauth: { grantId: 'g1', familyId: 'f1', clientId: 'c1' },
};

describe('the limits of a request made by an OAuth app', () => {
  it("counts against the user's plan and against its grant's hourly limit", () => {
    const rules = requestLimits({ principal: oauth, plan: 'enterprise', ip: '192.0.2.1' }, undefined, { anonymousPerMinute: 30 });
    expect(rules.map((rule) => `${describeRule(rule)} [${rule.key}]`)).toEqual([
      'enterprise plan limit of 1000 requests per minute [user:u1@60000]',
      'oauth app limit of 1000 requests per hour [oauthgrant:g1@3600000]',
    ]);
  });
});
