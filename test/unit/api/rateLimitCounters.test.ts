import type { RateLimitCounters } from '../../../src/api/http/rateLimitCounters';
import { LocalRateLimitCounters, SharedRateLimitCounters } from '../../../src/api/http/rateLimitCounters';
import { RateLimiter } from '../../../src/api/http/rateLimiter';
import { openStores, silentLogger } from '../../support/stores';

const MINUTE = 60_000;
type Stores = Awaited<ReturnType<typeof openStores>>;

describe.each([
  ['local', async () => ({ counters: new LocalRateLimitCounters(), close: async () => undefined })],
  [
    'shared (read store)',
    async () => {
      const stores: Stores = await openStores();
      return { counters: new SharedRateLimitCounters(stores.readStore), close: () => stores.close() };
    },
  ],
] as Array<[string, () => Promise<{ counters: RateLimitCounters; close: () => Promise<void> }>]>)(
  '%s rate limit counters',
  (_name, open) => {
    let counters: RateLimitCounters;
    let close: () => Promise<void>;
    beforeEach(async () => ({ counters, close } = await open()));
    afterEach(async () => {
      counters.close();
      await close();
    });

    it('count per key and window, concurrent increments included', async () => {
      const counts = await Promise.all(Array.from({ length: 10 }, () => counters.increment('user:a', 0, MINUTE)));
      expect(Math.max(...counts)).toBe(10);
      expect(await counters.increment('user:b', 0, MINUTE)).toBe(1);
      expect(await counters.increment('user:a', MINUTE, MINUTE)).toBe(1);
    });

    it('let a limiter allow exactly the limit per window, then answer with the reset time', async () => {
      let now = 5 * MINUTE + 1000;
      const limiter = new RateLimiter({ perMinute: 3, anonymousPerMinute: 1 }, counters, silentLogger(), () => now);
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await limiter.take('user:c', 3));
      expect(results.map((result) => result.allowed)).toEqual([true, true, true, false]);
      expect(results.map((result) => result.remaining)).toEqual([2, 1, 0, 0]);
      expect(results[3]?.resetAt).toBe(6 * MINUTE);
      now = 6 * MINUTE;
      expect((await limiter.take('user:c', 3)).allowed).toBe(true);
    });
  },
);

describe('shared counters', () => {
  it('sweep expired windows in bounded batches and keep current ones', async () => {
    const stores = await openStores();
    let now = 0;
    const counters = new SharedRateLimitCounters(stores.readStore, () => now);
    try {
      await counters.increment('ip:1', 0, MINUTE);
      await counters.increment('ip:2', MINUTE, MINUTE);
      now = MINUTE;
      expect(await counters.sweep()).toBe(1);
      expect(await counters.increment('ip:2', MINUTE, MINUTE)).toBe(2);
      expect(await counters.increment('ip:1', 0, MINUTE)).toBe(1);
    } finally {
      counters.close();
      await stores.close();
    }
  });
});

describe('rate limiter', () => {
  it('lets requests through when its counters fail', async () => {
    const failing: RateLimitCounters = { increment: () => Promise.reject(new Error('mongo is down')), close: () => undefined };
    const limiter = new RateLimiter({ perMinute: 1, anonymousPerMinute: 1 }, failing, silentLogger());
    expect((await limiter.take('user:d', 1)).allowed).toBe(true);
    expect((await limiter.take('user:d', 1)).allowed).toBe(true);
  });
});
