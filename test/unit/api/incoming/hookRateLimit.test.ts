import type { Principal } from '../../../../src/api/auth/principal';
import { HookRateLimit } from '../../../../src/api/incoming/receive/hookRateLimit';
import { LocalRateLimitCounters } from '../../../../src/api/http/rateLimit/localRateLimitCounters';
import type { UserPlans } from '../../../../src/api/http/rateLimit/userPlans';
import { RateLimiter } from '../../../../src/api/http/rateLimiter';
import type { RateLimitCounters } from '../../../../src/api/http/rateLimitCounters';
import { silentLogger } from '../../../support/stores';

const HOOK = '5a1b9f0e-3c2d-4e5f-8a9b-0c1d2e3f4a5b';
const OTHER_HOOK = '6b2c0a1f-4d3e-4f60-9bac-1d2e3f4a5b6c';
const OWNER = 'owner-1';
const NOW = Date.parse('2026-11-30T12:00:30.000Z');
const LIMITS = { anonymousPerMinute: 3, defaultPlan: 'basic' as const, enforce: true };
const BASIC_PER_MINUTE = 60;
const allBasic = { planOf: () => Promise.resolve('basic') } as unknown as UserPlans;

describe('HookRateLimit', () => {
  let counters: LocalRateLimitCounters;
  beforeEach(() => (counters = new LocalRateLimitCounters(() => NOW)));
  afterEach(() => counters.close());

  const limiterOver = (store: RateLimitCounters, enforce = true) =>
    new RateLimiter({ ...LIMITS, enforce }, store, allBasic, silentLogger(), () => NOW);
  const hookLimit = (enforce = true) => new HookRateLimit(limiterOver(counters, enforce));

  it('admits the hook’s rate per minute, reporting what is left, then refuses with 429 and Retry-After', async () => {
    const limit = hookLimit();
    expect(await limit.admit(HOOK, 2)).toMatchObject({ 'X-RateLimit-Limit': '2', 'X-RateLimit-Remaining': '1' });
    expect(await limit.admit(HOOK, 2)).toMatchObject({ 'X-RateLimit-Remaining': '0' });
    await expect(limit.admit(HOOK, 2)).rejects.toMatchObject({ code: 'rate_limited', headers: { 'Retry-After': expect.any(String) } });
    // Each hook counts on its own.
    expect(await limit.admit(OTHER_HOOK, 2)).toMatchObject({ 'X-RateLimit-Remaining': '1' });
  });

  it('a refused call counts for nothing: a higher rate set since admits at once', async () => {
    const limit = hookLimit();
    await limit.admit(HOOK, 1);
    await expect(limit.admit(HOOK, 1)).rejects.toMatchObject({ code: 'rate_limited' });
    expect(await limit.admit(HOOK, 2)).toMatchObject({ 'X-RateLimit-Remaining': '0' });
  });

  it('only reports when limits are not enforced', async () => {
    const limit = hookLimit(false);
    await limit.admit(HOOK, 1);
    expect(await limit.admit(HOOK, 1)).toMatchObject({ 'X-RateLimit-Limit': '1', 'X-RateLimit-Remaining': '0' });
  });

  it('lets calls through when the counters fail', async () => {
    const failing: RateLimitCounters = {
      take: () => Promise.reject(new Error('read store down')),
      giveBack: () => Promise.resolve(),
      close: () => undefined,
    };
    const limit = new HookRateLimit(limiterOver(failing));
    expect(await limit.admit(HOOK, 1)).toMatchObject({ 'X-RateLimit-Limit': '1', 'X-RateLimit-Remaining': '1' });
    await expect(limit.admitRun(OWNER)).resolves.toBeUndefined();
    await expect(limit.unknownToken('192.0.2.1')).resolves.toBeUndefined();
  });

  it('calls that run count against the owner’s plan, on the same counters as their own API requests', async () => {
    const limiter = limiterOver(counters);
    const limit = new HookRateLimit(limiter);
    for (let i = 0; i < BASIC_PER_MINUTE - 1; i++) await limit.admitRun(OWNER);
    // The owner's own request takes the last one of the minute…
    const owner: Principal = { userId: OWNER, kind: 'session', scopes: new Set() };
    expect((await limiter.check(owner, '192.0.2.1', undefined)).allowed).toBe(true);
    // …so the next call of any of their hooks is refused, as is their next request.
    await expect(limit.admitRun(OWNER)).rejects.toMatchObject({ code: 'rate_limited', headers: { 'Retry-After': expect.any(String) } });
    expect((await limiter.check(owner, '192.0.2.1', undefined)).allowed).toBe(false);
    await expect(limit.admitRun('another-owner')).resolves.toBeUndefined();
  });

  it('tokens that open no hook count against the address’s anonymous limit', async () => {
    const limit = hookLimit();
    for (let i = 0; i < LIMITS.anonymousPerMinute; i++) await limit.unknownToken('192.0.2.1');
    await expect(limit.unknownToken('192.0.2.1')).rejects.toMatchObject({ code: 'rate_limited' });
    await expect(limit.unknownToken('192.0.2.2')).resolves.toBeUndefined();
  });
});
