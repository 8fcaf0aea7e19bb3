import { MemoryEventStore } from '../../../src/adapters/eventStore/memoryEventStore';
import { userAggregate } from '../../../src/commands/aggregates';
import { CommandPipeline } from '../../../src/commands/pipeline';
import type { EventStore } from '../../../src/ports/eventStore';
import { WrongExpectedRevisionError } from '../../../src/ports/errors';

const userId = '77777777-7777-4777-8777-777777777777';
const register = {
  type: 'RegisterUser' as const,
  userId,
  username: 'alice',
  email: 'a@example.com',
  displayName: 'Alice',
  passwordHash: 'h',
};
const metadata = { actor: userId, requestId: 'req-1', correlationId: 'corr-1', causationId: 'req-1', ip: '127.0.0.1' };

describe('command pipeline', () => {
  it('appends the decided events with metadata and returns the written position and new state', async () => {
    const store = new MemoryEventStore();
    const pipeline = new CommandPipeline(store);
    const result = await pipeline.execute(userAggregate, userId, register, metadata);
    expect(result.state).toMatchObject({ exists: true, username: 'alice' });
    const [event] = await store.readStream(`user-${userId}`);
    expect(event).toMatchObject({ type: 'UserRegistered', revision: 0n, metadata });
    expect(result.position).toBe(event?.position);
  });

  it('appends nothing and returns a null position when the decision is a no-op', async () => {
    const store = new MemoryEventStore();
    const pipeline = new CommandPipeline(store);
    await pipeline.execute(userAggregate, userId, register, metadata);
    const head = await store.headPosition();
    const result = await pipeline.execute(userAggregate, userId, { type: 'ChangeProfile', displayName: 'Alice' }, metadata);
    expect(result).toMatchObject({ events: [], position: null });
    expect(await store.headPosition()).toBe(head);
  });

  it('retries on a concurrency conflict, deciding again on the fresh state', async () => {
    const store = new MemoryEventStore();
    await new CommandPipeline(store).execute(userAggregate, userId, register, metadata);
    let conflicts = 1;
    const flaky: EventStore = Object.assign(Object.create(store) as EventStore, {
      append: (...args: Parameters<EventStore['append']>) => {
        if (conflicts-- > 0) return Promise.reject(new WrongExpectedRevisionError(args[0], '0', 1n));
        return store.append(...args);
      },
    });
    const result = await new CommandPipeline(flaky).execute(userAggregate, userId, { type: 'ChangeProfile', displayName: 'Al' }, metadata);
    expect(result.events).toHaveLength(1);
    expect(await store.readStream(`user-${userId}`)).toHaveLength(2);
  });

  it('gives up after a bounded number of conflicts', async () => {
    const store = new MemoryEventStore();
    let attempts = 0;
    const alwaysConflicting: EventStore = Object.assign(Object.create(store) as EventStore, {
      append: (stream: string) => {
        attempts++;
        return Promise.reject(new WrongExpectedRevisionError(stream, 'no_stream', 0n));
      },
    });
    await expect(
      new CommandPipeline(alwaysConflicting, { maxAttempts: 3 }).execute(userAggregate, userId, register, metadata),
    ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(attempts).toBe(3);
  });

  it('surfaces domain errors without appending', async () => {
    const store = new MemoryEventStore();
    await expect(
      new CommandPipeline(store).execute(userAggregate, userId, { type: 'RecordLogin', sessionId: userId }, metadata),
    ).rejects.toMatchObject({ kind: 'not_found' });
    expect(await store.headPosition()).toBeNull();
  });

  it('loads a stream it folded before by reading only the events appended since, also by another writer', async () => {
    const store = new MemoryEventStore();
    const reads: Array<bigint | undefined> = [];
    const watched: EventStore = Object.assign(Object.create(store) as EventStore, {
      readStream: (stream: string, options?: { from?: bigint; limit?: number }) => {
        reads.push(options?.from);
        return store.readStream(stream, options);
      },
    });
    const pipeline = new CommandPipeline(watched);
    await pipeline.execute(userAggregate, userId, register, metadata);
    // Another process changes the user: this pipeline has not seen that event.
    await new CommandPipeline(store).execute(userAggregate, userId, { type: 'ChangeProfile', displayName: 'Someone else' }, metadata);
    reads.length = 0;
    const loaded = await pipeline.load(userAggregate, userId);
    expect(reads).toEqual([1n]);
    expect(loaded).toMatchObject({ revision: 1n, state: { displayName: 'Someone else' } });
    reads.length = 0;
    expect((await pipeline.load(userAggregate, userId)).state).toEqual(loaded.state);
    expect(reads).toEqual([2n]);
  });
});
