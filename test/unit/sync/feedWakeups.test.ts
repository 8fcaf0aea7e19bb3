import { randomUUID } from 'node:crypto';
import { MemoryEventStore } from '../../../src/adapters/eventStore/memoryEventStore';
import type { Position, RecordedEvent } from '../../../src/ports/eventStore';
import { FeedWakeups } from '../../../src/sync/feedWakeups';
import type { FeedAudience, HorizonWatch } from '../../../src/sync/feedTypes';
import { silentLogger } from '../../support/stores';

/** A horizon the test moves by hand. */
class MovedHorizon implements HorizonWatch {
  position: Position | null = null;
  private readonly listeners = new Set<() => void>();
  current = async () => this.position;
  onAdvance(listener: () => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  moveTo(position: Position | null) {
    this.position = position;
    for (const listener of [...this.listeners]) listener();
  }
}

/** Every event reaches the user named in its data's `ownerId`. */
const ownerAudience: FeedAudience = {
  of: async (events: readonly RecordedEvent[]) => new Map(events.map((event) => [event.id, new Set([event.data.ownerId as string])])),
};

describe('FeedWakeups', () => {
  const events = new MemoryEventStore();
  const horizon = new MovedHorizon();
  const append = async (ownerId: string) =>
    (
      await events.append(`folder-${randomUUID()}`, [{ id: randomUUID(), type: 'FolderCreated', data: { ownerId }, metadata: {} }], {
        expectedRevision: 'no_stream',
      })
    ).position;

  it('wakes the waiters of the users an event below the horizon reaches, and only those', async () => {
    const wakeups = new FeedWakeups(events, horizon, ownerAudience, silentLogger());
    horizon.moveTo(await append('someone'));
    const alice = wakeups.register('alice')!;
    const bob = wakeups.register('bob')!;
    await Promise.all([alice.ready, bob.ready]);
    const aliceWoken = alice.until(60_000);
    const bobWoken = bob.until(50);

    const written = await append('alice');
    expect(wakeups.size).toBe(2);
    horizon.moveTo(written);
    expect(await aliceWoken).toBe(true);
    expect(await bobWoken).toBe(false);
    expect(wakeups.size).toBe(0);
  });

  it('refuses a waiter past its bound, and takes one again once a place is free', async () => {
    const wakeups = new FeedWakeups(events, horizon, ownerAudience, silentLogger(), { maxWaiters: 1, readBatch: 10, retryDelayMs: 10 });
    const first = wakeups.register('alice')!;
    expect(wakeups.register('bob')).toBeNull();
    first.cancel();
    expect(wakeups.register('bob')).not.toBeNull();
    wakeups.close();
    expect(wakeups.size).toBe(0);
  });
});
