import type { Principal } from '../../../../src/api/auth/principal';
import { LocalRateLimitCounters } from '../../../../src/api/http/rateLimit/localRateLimitCounters';
import { UserPlans } from '../../../../src/api/http/rateLimit/userPlans';
import { RateLimiter } from '../../../../src/api/http/rateLimiter';
import type { RateLimitCounters } from '../../../../src/api/http/rateLimitCounters';
import type { ReadStore } from '../../../../src/ports/readStore';
import { USERS } from '../../../../src/projections/users/usersProjection';
import { openStores, silentLogger } from '../../../support/stores';

const LIMITS = { anonymousPerMinute: 2, defaultPlan: 'basic' as const, enforce: true };
const alice: Principal = { userId: 'alice', kind: 'session', scopes: new Set() };

type Stores = Awaited<ReturnType<typeof openStores>>;

describe('user plans', () => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await openStores();
  });
  afterEach(() => stores.close());

  it('answer the default plan for a user never given one, or not projected yet', async () => {
    await stores.readStore.upsert(USERS, { _id: 'alice', username: 'alice' });
    const plans = new UserPlans(stores.readStore, 'professional');
    expect([await plans.planOf('alice'), await plans.planOf('nobody')]).toEqual(['professional', 'professional']);
  });

  it('reuse an answer for at most ttlMs', async () => {
    let now = 0;
    await stores.readStore.upsert(USERS, { _id: 'alice', plan: 'basic' });
    const plans = new UserPlans(stores.readStore, 'basic', { ttlMs: 1000, maxEntries: 10 }, () => now);
    expect(await plans.planOf('alice')).toBe('basic');
    await stores.readStore.upsert(USERS, { _id: 'alice', plan: 'enterprise' });
    now = 999;
    expect(await plans.planOf('alice')).toBe('basic');
    now = 1000;
    expect(await plans.planOf('alice')).toBe('enterprise');
  });
});

describe('rate limiter', () => {
  const failingStore = { get: () => Promise.reject(new Error('read store is down')) } as unknown as ReadStore;

  it('judges by the plan of the user', async () => {
    const stores = await openStores();
    try {
      await stores.readStore.upsert(USERS, { _id: 'alice', plan: 'professional' });
      const limiter = new RateLimiter(LIMITS, new LocalRateLimitCounters(), new UserPlans(stores.readStore, 'basic'), silentLogger());
      const { allowed, reported } = await limiter.check(alice, '192.0.2.1', undefined);
      expect({ allowed, limit: reported.rule.limit, remaining: reported.verdict.remaining }).toEqual({
        allowed: true,
        limit: 300,
        remaining: 299,
      });
    } finally {
      await stores.close();
    }
  });

  it('applies the default plan when plans cannot be read', async () => {
    const limiter = new RateLimiter(LIMITS, new LocalRateLimitCounters(), new UserPlans(failingStore, 'basic'), silentLogger());
    expect((await limiter.check(alice, '192.0.2.1', undefined)).reported.rule.name).toBe('basic plan');
  });

  it('lets requests through when its counters fail', async () => {
    const down = () => Promise.reject(new Error('mongo is down'));
    const failing: RateLimitCounters = { take: down, giveBack: down, close: () => undefined };
    const limiter = new RateLimiter(LIMITS, failing, new UserPlans(failingStore, 'basic'), silentLogger());
    for (let i = 0; i < 3; i++) expect((await limiter.check(null, '192.0.2.1', undefined)).allowed).toBe(true);
  });
});
