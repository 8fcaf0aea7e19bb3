import { LocalRateLimitCounters } from '../../../src/api/http/rateLimit/localRateLimitCounters';
import { SharedRateLimitCounters } from '../../../src/api/http/rateLimit/sharedRateLimitCounters';
import { allowedOf, describeRateLimitCounters, NOW, rule } from '../../contract/rateLimitCounters.contract';
import { openStores } from '../../support/stores';

describeRateLimitCounters('local', () => Promise.resolve({ counters: new LocalRateLimitCounters(), close: () => Promise.resolve() }));

describeRateLimitCounters('shared (SQLite read store)', async () => {
  const stores = await openStores();
  return { counters: new SharedRateLimitCounters(stores.readStore), close: () => stores.close() };
});

describe('local counters', () => {
  it('forget keys whose windows have emptied', async () => {
    let now = NOW;
    const counters = new LocalRateLimitCounters(() => now);
    try {
      await counters.take([rule('ip:1', 5)], NOW);
      await counters.take([rule('ip:2', 5)], NOW + 30_000);
      now = NOW + 61_000;
      counters.sweep();
      expect(counters.size).toBe(1);
    } finally {
      counters.close();
    }
  });
});

describe('shared counters', () => {
  it('sweep keys whose windows have emptied, and drop buckets that left the window', async () => {
    const stores = await openStores();
    let now = NOW;
    const counters = new SharedRateLimitCounters(stores.readStore, () => now);
    try {
      await counters.take([rule('ip:1', 5)], NOW);
      await counters.take([rule('ip:2', 5)], NOW);
      await counters.take([rule('ip:2', 5)], NOW + 61_000);
      await new Promise((resolve) => setImmediate(resolve));
      expect((await stores.readStore.get('rate_limit_windows', 'ip:2'))?.buckets).toEqual({ [`b${(NOW + 61_000) / 1000}`]: 1 });
      now = NOW + 61_000;
      expect(await counters.sweep()).toBe(1);
      expect(await stores.readStore.get('rate_limit_windows', 'ip:1')).toBeNull();
      expect(await allowedOf(counters, [rule('ip:2', 2)], NOW + 61_500)).toEqual([true]);
    } finally {
      counters.close();
      await stores.close();
    }
  });
});
