import { randomUUID } from 'node:crypto';
import type { DueDeliveries, DueDelivery } from '../../../../src/webhooks/dispatcher/dueScheduler';
import { DueScheduler } from '../../../../src/webhooks/dispatcher/dueScheduler';
import type { DeliveryJob } from '../../../../src/webhooks/webhookPorts';
import { silentLogger } from '../../../support/stores';

/** Due deliveries kept in a list, answered in (nextAttemptAt, id) order as the read model does. */
function dueList(rows: DueDelivery[]): DueDeliveries {
  const key = (row: DueDelivery) => `${row.nextAttemptAt}|${row._id}`;
  return async (now, limit, after) =>
    rows
      .filter((row) => row.nextAttemptAt !== null && row.nextAttemptAt <= now.toISOString())
      .sort((a, b) => key(a).localeCompare(key(b)))
      .filter((row) => after === undefined || key(row) > key(after))
      .slice(0, limit);
}

describe('due-delivery scheduler', () => {
  const webhookId = randomUUID();
  let now: Date;
  let published: DeliveryJob[];
  const due = (minutesAgo: number): DueDelivery => ({
    _id: randomUUID(),
    webhookId,
    nextAttemptAt: new Date(now.getTime() - minutesAgo * 60_000).toISOString(),
  });
  const scheduler = (rows: DueDelivery[], pageSize = 500) =>
    new DueScheduler(
      dueList(rows),
      async (jobs) => void published.push(...jobs),
      () => now,
      silentLogger(),
      {
        intervalMs: 1000,
        pageSize,
        maxPerRun: 10_000,
        republishAfterMs: 60_000,
        graceMs: 2_000,
      },
    );

  beforeEach(() => {
    now = new Date('2026-01-01T12:00:00.000Z');
    published = [];
  });

  it('publishes the job of every due delivery, and none of those not due yet', async () => {
    const rows = [due(5), due(1), due(-1)];

    expect(await scheduler(rows).runOnce()).toBe(2);

    expect(published).toEqual([
      { deliveryId: rows[0]!._id, webhookId },
      { deliveryId: rows[1]!._id, webhookId },
    ]);
  });

  it('leaves a delivery due for less than the grace to the fan-out and the endpoint workers', async () => {
    const justDue = { _id: randomUUID(), webhookId, nextAttemptAt: new Date(now.getTime() - 1_000).toISOString() };

    expect(await scheduler([justDue]).runOnce()).toBe(0);
    now = new Date(now.getTime() + 1_000);
    expect(await scheduler([justDue]).runOnce()).toBe(1);
  });

  it('publishes a delivery still due at most once a minute', async () => {
    const rows = [due(1)];
    const run = scheduler(rows);

    await run.runOnce();
    now = new Date(now.getTime() + 59_000);
    await run.runOnce();
    expect(published).toHaveLength(1);

    now = new Date(now.getTime() + 1_000);
    await run.runOnce();
    expect(published).toHaveLength(2);
  });

  it('publishes again at once when its next attempt moved', async () => {
    const rows = [due(1)];
    const run = scheduler(rows);

    await run.runOnce();
    rows[0]!.nextAttemptAt = new Date(now.getTime() - 3_000).toISOString();
    await run.runOnce();

    expect(published.map((job) => job.deliveryId)).toEqual([rows[0]!._id, rows[0]!._id]);
  });

  it('reads past a first page of deliveries it has just published', async () => {
    const rows = Array.from({ length: 7 }, (_, index) => due(10 - index));
    const run = scheduler(rows, 3);

    await run.runOnce();
    rows.push(due(0.1));
    await run.runOnce();

    expect(published).toHaveLength(8);
    expect(new Set(published.map((job) => job.deliveryId)).size).toBe(8);
  });
});
