import { randomUUID } from 'node:crypto';
import { MemoryEventStore } from '../../../src/adapters/eventStore/memoryEventStore';
import { CommandPipeline } from '../../../src/commands/pipeline';
import { DeliveryCommands } from '../../../src/commands/webhooks/deliveryCommands';
import type { AttemptResult, NewDelivery } from '../../../src/webhooks/webhookPorts';

const LEASE_MS = 60_000;
const SCHEDULE = { delaysMs: [5000, 300_000, 1_800_000], minBackoffMs: 60_000 };
const URL = 'https://hooks.example.com/in';
const OK: AttemptResult = {
  status: 200,
  durationMs: 10,
  errorClass: null,
  errorMessage: null,
  responseHeaders: {},
  responseBody: '',
  retryAfterMs: null,
};
const FAILED: AttemptResult = { ...OK, status: 503, errorClass: 'http_status' };

/** Two dispatcher processes over one event store, each with its own pipeline (and folded states), on one clock. */
function twoProcesses() {
  const eventStore = new MemoryEventStore();
  let now = new Date('2026-03-01T12:00:00.000Z');
  const clock = { advance: (ms: number) => (now = new Date(now.getTime() + ms)), now: () => now };
  const process = () =>
    new DeliveryCommands(new CommandPipeline(eventStore, { now: clock.now }), {
      retrySchedule: SCHEDULE,
      leaseMs: LEASE_MS,
      jitterDraw: () => 0.5,
    });
  return { first: process(), second: process(), clock };
}

const newDelivery = (): NewDelivery => ({
  deliveryId: randomUUID(),
  webhookId: randomUUID(),
  ownerId: randomUUID(),
  trigger: 'event',
  eventId: randomUUID(),
  eventPosition: '1',
  resourceStream: 'file-1',
  body: { id: randomUUID(), event: 'upload.completed', timestamp: '2026-03-01T12:00:00.000Z', data: {} },
});

describe('delivery commands', () => {
  it('create a delivery once, whichever process consumes the event', async () => {
    const { first, second } = twoProcesses();
    const delivery = newDelivery();
    expect(await first.create(delivery)).toBe(true);
    expect(await second.create(delivery)).toBe(false);
    expect(await first.create(delivery)).toBe(false);
  });

  it('lease an attempt to one caller only, however many ask at once', async () => {
    const { first, second } = twoProcesses();
    const delivery = newDelivery();
    await first.create(delivery);
    const leases = await Promise.all(
      Array.from({ length: 10 }, (_, index) => (index % 2 ? first : second).startAttempt(delivery.deliveryId)),
    );
    expect(leases.filter((lease) => lease !== null)).toEqual([
      { deliveryId: delivery.deliveryId, webhookId: delivery.webhookId, attempt: 1, body: delivery.body, resourceStream: 'file-1' },
    ]);
  });

  it('retry on the schedule with the same message id, and stop once one succeeds', async () => {
    const { first, second, clock } = twoProcesses();
    const delivery = newDelivery();
    await first.create(delivery);
    const messageIds: string[] = [];
    for (const [index, wait] of [5000, 300_000, 1_800_000].entries()) {
      const lease = (await (index % 2 ? first : second).startAttempt(delivery.deliveryId))!;
      messageIds.push(lease.body.id);
      const outcome = await first.recordAttempt(lease, { url: URL, headers: {} }, FAILED);
      expect(outcome).toEqual({ outcome: 'retrying', nextAttemptAt: new Date(clock.now().getTime() + wait) });
      clock.advance(wait - 1);
      expect(await second.startAttempt(delivery.deliveryId)).toBeNull();
      clock.advance(1);
    }
    const fourth = (await second.startAttempt(delivery.deliveryId))!;
    expect(fourth.attempt).toBe(4);
    expect(new Set([...messageIds, fourth.body.id])).toEqual(new Set([delivery.body.id]));
    expect(await second.recordAttempt(fourth, { url: URL, headers: {} }, OK)).toEqual({ outcome: 'succeeded', nextAttemptAt: null });
    expect(await first.startAttempt(delivery.deliveryId)).toBeNull();
  });

  it('fail for good once the schedule is used up', async () => {
    const { first, clock } = twoProcesses();
    const delivery = newDelivery();
    await first.create(delivery);
    let outcome;
    for (let attempt = 1; attempt <= 4; attempt++) {
      const lease = (await first.startAttempt(delivery.deliveryId))!;
      outcome = await first.recordAttempt(lease, { url: URL, headers: {} }, FAILED);
      clock.advance(2_000_000);
    }
    expect(outcome).toEqual({ outcome: 'failed', nextAttemptAt: null });
  });

  it('let another process take over a delivery whose attempt was never recorded, once the lease ends', async () => {
    const { first, second, clock } = twoProcesses();
    const delivery = newDelivery();
    await first.create(delivery);
    const lost = (await first.startAttempt(delivery.deliveryId))!;
    clock.advance(LEASE_MS - 1);
    expect(await second.startAttempt(delivery.deliveryId)).toBeNull();
    clock.advance(1);
    const takenOver = (await second.startAttempt(delivery.deliveryId))!;
    expect(takenOver.attempt).toBe(2);
    // The first attempt's late failure is kept but does not reschedule the one in flight.
    expect(await first.recordAttempt(lost, { url: URL, headers: {} }, FAILED)).toEqual({
      outcome: 'retrying',
      nextAttemptAt: new Date(clock.now().getTime() + LEASE_MS),
    });
    expect(await second.recordAttempt(takenOver, { url: URL, headers: {} }, OK)).toEqual({ outcome: 'succeeded', nextAttemptAt: null });
  });
});
