import type { RateLimitRule } from '../../src/api/http/rateLimit/rateLimitRule';
import { MINUTE_MS } from '../../src/api/http/rateLimit/rateLimitRule';
import type { RateLimitCounters } from '../../src/api/http/rateLimitCounters';
import type { KnownGaps } from './knownGaps';
import { itUnlessGapOn, NO_GAPS } from './knownGaps';

export const NOW = 1_700_000_000_000;
export const rule = (key: string, limit: number): RateLimitRule => ({ key, name: key, limit, windowMs: MINUTE_MS });
export const allowedOf = async (counters: RateLimitCounters, rules: RateLimitRule[], now = NOW) =>
  (await counters.take(rules, now)).map((verdict) => verdict.allowed);

export interface OpenedCounters {
  counters: RateLimitCounters;
  close: () => Promise<void>;
}

/**
 * What every kind of rate-limit counters must do, local or shared through a read store: run against each
 * (the shared ones on SQLite here, on MongoDB in the integration suite).
 */
export function describeRateLimitCounters(name: string, open: () => Promise<OpenedCounters>, knownGaps: KnownGaps = NO_GAPS): void {
  const itUnlessGap = itUnlessGapOn(knownGaps);

  describe(`${name} rate limit counters`, () => {
    let counters: RateLimitCounters;
    let close: () => Promise<void>;
    beforeEach(async () => ({ counters, close } = await open()));
    afterEach(async () => {
      counters.close();
      await close();
    });

    itUnlessGap('concurrent-updates', 'never admit more than the limit, concurrent requests included', async () => {
      const outcomes = await Promise.all(Array.from({ length: 12 }, () => allowedOf(counters, [rule('user:a', 5)])));
      const admitted = outcomes.filter(([allowed]) => allowed).length;
      expect(admitted).toBeGreaterThanOrEqual(1);
      expect(admitted).toBeLessThanOrEqual(5);
      expect(await allowedOf(counters, [rule('user:b', 5)])).toEqual([true]);
    });

    it('count each key on its own and answer what is left and when it frees', async () => {
      const verdicts = [];
      for (let i = 0; i < 3; i++) verdicts.push(...(await counters.take([rule('user:c', 2)], NOW + i * 1000)));
      expect(verdicts).toEqual([
        { allowed: true, remaining: 1, resetAt: NOW + 61_000 },
        { allowed: true, remaining: 0, resetAt: NOW + 61_000 },
        { allowed: false, remaining: 0, resetAt: NOW + 61_000 },
      ]);
      expect(await allowedOf(counters, [rule('user:c', 2)], NOW + 61_000)).toEqual([true]);
    });

    it('keep nothing of a request any limit refused', async () => {
      expect(await allowedOf(counters, [rule('token:t', 1)])).toEqual([true]);
      expect(await allowedOf(counters, [rule('token:t', 1), rule('user:d', 2)])).toEqual([false, true]);
      expect(await allowedOf(counters, [rule('user:d', 2)])).toEqual([true]);
      expect(await allowedOf(counters, [rule('user:d', 2)])).toEqual([true]);
      expect(await allowedOf(counters, [rule('user:d', 2)])).toEqual([false]);
    });

    it('give back an admitted request to every limit it counted against', async () => {
      expect(await allowedOf(counters, [rule('link:e', 1), rule('ip:e', 2)])).toEqual([true, true]);
      await counters.giveBack([rule('link:e', 1), rule('ip:e', 2)], NOW);
      expect(await allowedOf(counters, [rule('link:e', 1), rule('ip:e', 2)], NOW + 1000)).toEqual([true, true]);
      expect(await allowedOf(counters, [rule('ip:e', 2)], NOW + 1000)).toEqual([true]);
      expect(await allowedOf(counters, [rule('link:e', 1)], NOW + 1000)).toEqual([false]);
    });
  });
}
