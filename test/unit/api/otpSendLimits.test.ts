import { CountedSendLimits } from '../../../src/api/otp/countedSendLimits';
import { LocalRateLimitCounters } from '../../../src/api/http/rateLimit/localRateLimitCounters';
import { DomainError } from '../../../src/domain/shared/domainError';

const HOUR = 3_600_000;
const QUARTER = 15 * 60_000;
const start = new Date('2026-01-02T03:00:00.000Z');
const at = (ms: number) => new Date(start.getTime() + ms);
const ann = '11111111-1111-4111-8111-111111111111';
const bob = '22222222-2222-4222-8222-222222222222';

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof DomainError)) throw new Error('expected a refusal');
  return error;
}

const limits = () => new CountedSendLimits(new LocalRateLimitCounters(() => start.getTime()));

describe('send limits on one-time codes', () => {
  it('admits 5 codes to one destination an hour from any users, then refuses until the first has left the window', async () => {
    const limit = limits();
    for (let i = 0; i < 5; i++) await limit.take({ userId: i < 3 ? ann : bob, destinationHash: 'hash-a' }, at(i * 10 * 60_000));
    const refused = await refusal(limit.take({ userId: bob, destinationHash: 'hash-a' }, at(50 * 60_000)));
    expect(refused).toMatchObject({ kind: 'too_many_attempts', message: expect.stringMatching(/one destination per hour/) });
    expect(refused.retryAt!.getTime()).toBeGreaterThan(at(HOUR - 1).getTime());
    expect(refused.retryAt!.getTime()).toBeLessThanOrEqual(at(HOUR + HOUR / 60).getTime());
    // Another destination has a count of its own.
    await limit.take({ userId: bob, destinationHash: 'hash-b' }, at(50 * 60_000));
  });

  it('admits 5 codes to one user per 15 minutes whatever the destinations, then refuses with the user limit', async () => {
    const limit = limits();
    for (let i = 0; i < 5; i++) await limit.take({ userId: ann, destinationHash: `hash-${i}` }, at(i * 60_000));
    const refused = await refusal(limit.take({ userId: ann, destinationHash: 'hash-5' }, at(10 * 60_000)));
    expect(refused).toMatchObject({ kind: 'too_many_attempts', message: expect.stringMatching(/per 15 minutes/) });
    expect(refused.retryAt!.getTime()).toBeGreaterThan(at(QUARTER - 1).getTime());
    expect(refused.retryAt!.getTime()).toBeLessThanOrEqual(at(QUARTER + QUARTER / 60).getTime());
    // Bob has a count of his own, and may still have a code sent to the destination Ann was refused.
    await limit.take({ userId: bob, destinationHash: 'hash-5' }, at(10 * 60_000));
    await limit.take({ userId: ann, destinationHash: 'hash-6' }, at(QUARTER + QUARTER / 30));
  });

  it('counts nothing for a code one limit refuses', async () => {
    const limit = limits();
    for (let i = 0; i < 5; i++) await limit.take({ userId: ann, destinationHash: `hash-${i}` }, at(0));
    // Five refusals for Ann to hash-x leave hash-x all five of its codes.
    for (let i = 0; i < 5; i++) await refusal(limit.take({ userId: ann, destinationHash: 'hash-x' }, at(0)));
    for (let i = 0; i < 5; i++) await limit.take({ userId: `bob-${i}`, destinationHash: 'hash-x' }, at(0));
  });

  it('admits exactly 5 of 20 codes asked for at once', async () => {
    const limit = limits();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => limit.take({ userId: ann, destinationHash: `hash-${i}` }, at(0))),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(5);
  });
});
