import { randomUUID } from 'node:crypto';
import type { EventStore, RecordedEvent } from '../../../src/ports/eventStore';
import type { ReadStore } from '../../../src/ports/readStore';
import type { Projection } from '../../../src/projections/projection';
import { ProjectionManager } from '../../../src/projections/projectionManager';
import { eventually } from '../../support/files';
import { openStores, silentLogger } from '../../support/stores';

type Stores = Awaited<ReturnType<typeof openStores>>;
let stores: Stores;
beforeEach(async () => {
  stores = await openStores();
});
afterEach(async () => {
  await stores.close();
});

const append = (eventStore: EventStore, type: string, data: Record<string, unknown> = {}) =>
  eventStore.append(`thing-${randomUUID()}`, [{ id: randomUUID(), type, data, metadata: {} }], { expectedRevision: 'any' });

/** Counts events per type in one document: a projection whose only job is to be checked. */
function countingProjection(version = 1, apply?: (event: RecordedEvent, tx: ReadStore) => Promise<void>): Projection {
  return {
    name: 'counts',
    version,
    collections: ['counts'],
    handles: ['Counted', 'Poison'],
    setup: async () => undefined,
    apply: apply ?? (async (event, tx) => void (await tx.patch('counts', 'all', { $inc: { [event.type]: 1 } }, { upsert: true }))),
  };
}

describe('projection manager', () => {
  it('catches up on start, follows new appends, and checkpoints every event (handled or not)', async () => {
    await append(stores.eventStore, 'Counted');
    await append(stores.eventStore, 'Ignored');
    const manager = new ProjectionManager([countingProjection()], stores.eventStore, stores.readStore, silentLogger(), 2);
    await manager.start();
    const { position } = await append(stores.eventStore, 'Counted');
    expect(await manager.waitFor(position, 2000)).toBe(true);
    expect(await stores.readStore.get('counts', 'all')).toMatchObject({ Counted: 2 });
    const [status] = await manager.statuses();
    expect(status).toMatchObject({ name: 'counts', state: 'running', position, lag: 0 });
    await manager.stop();
  });

  it('waitFor answers false when the position is not reached in time', async () => {
    const manager = new ProjectionManager([countingProjection()], stores.eventStore, stores.readStore, silentLogger(), 10);
    await manager.start();
    expect(await manager.waitFor('99999999999999999999', 50)).toBe(false);
    await manager.stop();
  });

  it('stops a projection on an event it cannot apply, and reports the event, instead of skipping it', async () => {
    const poisoned = countingProjection(1, async (event, tx) => {
      if (event.type === 'Poison') throw new Error('cannot handle this');
      await tx.patch('counts', 'all', { $inc: { n: 1 } }, { upsert: true });
    });
    const manager = new ProjectionManager([poisoned], stores.eventStore, stores.readStore, silentLogger(), 10);
    await manager.start();
    await append(stores.eventStore, 'Counted');
    const poison = await append(stores.eventStore, 'Poison');
    const after = await append(stores.eventStore, 'Counted');
    // Under load the runner may not have reached the poison event yet: wait for it to stop, not for a fixed time.
    const [status] = await eventually(
      () => manager.statuses(),
      ([current]) => current?.state !== 'running',
      10_000,
    );
    expect(await manager.waitFor(after.position, 200)).toBe(false);
    expect(status).toMatchObject({
      state: 'failed',
      failure: { message: 'cannot handle this', eventType: 'Poison', position: poison.position },
    });
    expect(status?.lag).toBeGreaterThanOrEqual(2);
    // The batch with the poison event was rolled back whole; nothing after it was applied.
    expect(await stores.readStore.get('counts', 'all')).toBeNull();
    await manager.stop();
  });

  it('rebuilds a read model from the first event when its version changes', async () => {
    const first = new ProjectionManager([countingProjection(1)], stores.eventStore, stores.readStore, silentLogger(), 10);
    await first.start();
    const { position } = await append(stores.eventStore, 'Counted');
    await first.waitFor(position, 2000);
    await first.stop();
    await stores.readStore.patch('counts', 'all', { $set: { corrupted: true } });

    const second = new ProjectionManager([countingProjection(2)], stores.eventStore, stores.readStore, silentLogger(), 10);
    await second.start();
    expect(await second.waitFor(position, 2000)).toBe(true);
    expect(await stores.readStore.get('counts', 'all')).toEqual(expect.not.objectContaining({ corrupted: true }));
    expect(await stores.readStore.get('counts', 'all')).toMatchObject({ Counted: 1 });
    await second.stop();
  });

  it('rebuild replays every event and reports progress up to the total', async () => {
    for (let i = 0; i < 7; i++) await append(stores.eventStore, 'Counted');
    const manager = new ProjectionManager([countingProjection()], stores.eventStore, stores.readStore, silentLogger(), 3);
    const progress: number[] = [];
    await manager.rebuild(({ processed, total }) => {
      expect(total).toBe(7);
      progress.push(processed);
    });
    expect(progress).toEqual([0, 3, 6, 7]);
    expect(await stores.readStore.get('counts', 'all')).toMatchObject({ Counted: 7 });
  });
});
