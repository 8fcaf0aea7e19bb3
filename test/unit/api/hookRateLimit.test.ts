import { JsonLogger } from '../../../src/adapters/logger/jsonLogger';
import { HookRateLimit } from '../../../src/api/incoming/receive/hookRateLimit';
import { LocalRateLimitCounters } from '../../../src/api/http/rateLimit/localRateLimitCounters';
import type { RateLimitCounters } from '../../../src/api/http/rateLimitCounters';

const HOOK = '5a1b9f0e-3c2d-4e5f-8a9b-0c1d2e3f4a5b';
const OTHER_HOOK = '6b2c0a1f-4d3e-4f60-9bac-1d2e3f4a5b6c';
const NOW = Date.parse('2026-11-30T12:00:30.000Z');
const logger = new JsonLogger('silent');

describe('HookRateLimit', () => {
  let counters: LocalRateLimitCounters;
  beforeEach(() => (counters = new LocalRateLimitCounters(() => NOW)));
  afterEach(() => counters.close());

  it('admits the hook’s rate per minute, reporting what is left, then refuses with 429 and Retry-After', async () => {
    const limit = new HookRateLimit(counters, true, logger, () => NOW);
    expect(await limit.admit(HOOK, 2)).toMatchObject({ 'X-RateLimit-Limit': '2', 'X-RateLimit-Remaining': '1' });
    expect(await limit.admit(HOOK, 2)).toMatchObject({ 'X-RateLimit-Remaining': '0' });
    await expect(limit.admit(HOOK, 2)).rejects.toMatchObject({ code: 'rate_limited', headers: { 'Retry-After': expect.any(String) } });
    // Each hook counts on its own.
    expect(await limit.admit(OTHER_HOOK, 2)).toMatchObject({ 'X-RateLimit-Remaining': '1' });
  });

  it('a refused call counts for nothing: a higher rate set since admits at once', async () => {
    const limit = new HookRateLimit(counters, true, logger, () => NOW);
    await limit.admit(HOOK, 1);
    await expect(limit.admit(HOOK, 1)).rejects.toMatchObject({ code: 'rate_limited' });
    expect(await limit.admit(HOOK, 2)).toMatchObject({ 'X-RateLimit-Remaining': '0' });
  });

  it('only reports when limits are not enforced', async () => {
    const limit = new HookRateLimit(counters, false, logger, () => NOW);
    await limit.admit(HOOK, 1);
    expect(await limit.admit(HOOK, 1)).toMatchObject({ 'X-RateLimit-Limit': '1', 'X-RateLimit-Remaining': '0' });
  });

  it('lets calls through when the counters fail', async () => {
    const failing: RateLimitCounters = {
      take: () => Promise.reject(new Error('read store down')),
      giveBack: () => Promise.resolve(),
      close: () => undefined,
    };
    expect(await new HookRateLimit(failing, true, logger, () => NOW).admit(HOOK, 1)).toEqual({});
  });
});
