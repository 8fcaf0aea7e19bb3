import { CountedDestinationLimit } from '../../../src/api/otp/countedDestinationLimit';
import { LocalRateLimitCounters } from '../../../src/api/http/rateLimit/localRateLimitCounters';
import { DomainError } from '../../../src/domain/shared/domainError';

const HOUR = 3_600_000;
const start = new Date('2026-01-02T03:00:00.000Z');
const at = (ms: number) => new Date(start.getTime() + ms);

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof DomainError)) throw new Error('expected a refusal');
  return error;
}

describe('per-destination limit on one-time codes', () => {
  it('admits 5 codes to one destination an hour, then refuses until the first has left the window', async () => {
    const limit = new CountedDestinationLimit(new LocalRateLimitCounters(() => start.getTime()));
    for (let i = 0; i < 5; i++) await limit.take('hash-a', at(i * 60_000));
    const refused = await refusal(limit.take('hash-a', at(10 * 60_000)));
    expect(refused.kind).toBe('too_many_attempts');
    expect(refused.retryAt!.getTime()).toBeGreaterThan(at(HOUR - 1).getTime());
    expect(refused.retryAt!.getTime()).toBeLessThanOrEqual(at(HOUR + HOUR / 60).getTime());
    // Another destination has a count of its own.
    await limit.take('hash-b', at(10 * 60_000));
    await limit.take('hash-a', at(HOUR + HOUR / 30));
  });
});
