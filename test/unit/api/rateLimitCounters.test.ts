import { LocalRateLimitCounters } from '../../../src/api/http/rateLimit/localRateLimitCounters';
import { SharedRateLimitCounters } from '../../../src/api/http/rateLimit/sharedRateLimitCounters';
import { allowedOf, describeRateLimitCounters, NOW, rule } from '../../contract/rateLimitCounters.contract';
import type { ReadStore } from '../../../src/ports/readStore';
import { openStores } from '../../support/stores';

/** The store, with `meanwhile` run after each find returns and before its caller goes on (a request landing mid-sweep). */
function pausingAfterFind(store: ReadStore, meanwhile: () => Promise<void>): ReadStore {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'find')
        return async (...args: Parameters<ReadStore['find']>) => {
          const found = await target.find(...args);
          await meanwhile();
          return found;
        };
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

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

  it('sweep a key only while it is still idle: a request counted after it was found expired is kept', async () => {
    const stores = await openStores();
    const now = NOW + 61_000;
    let requestMeanwhile = () => Promise.resolve();
    const counters = new SharedRateLimitCounters(
      pausingAfterFind(stores.readStore, () => requestMeanwhile()),
      () => now,
    );
    try {
      expect(await allowedOf(counters, [rule('ip:1', 1)], NOW)).toEqual([true]);
      // The key's window emptied at NOW + 61 s; the sweep finds it, and a request is counted before it deletes.
      requestMeanwhile = async () => {
        requestMeanwhile = () => Promise.resolve();
        expect(await allowedOf(counters, [rule('ip:1', 1)], now)).toEqual([true]);
      };
      expect(await counters.sweep()).toBe(0);
      expect(await allowedOf(counters, [rule('ip:1', 1)], now + 500)).toEqual([false]);
    } finally {
      counters.close();
      await stores.close();
    }
  });
});
