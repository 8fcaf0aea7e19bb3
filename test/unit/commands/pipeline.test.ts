import { MemoryEventStore } from '../../../src/adapters/eventStore/memoryEventStore';
import { userAggregate } from '../../../src/commands/aggregates';
import { CommandPipeline } from '../../../src/commands/pipeline';
import { eventHash, GENESIS_HASH } from '../../../src/domain/audit/eventHash';
import type { EventStore } from '../../../src/ports/eventStore';
import { WrongExpectedRevisionError } from '../../../src/ports/errors';
import { z } from 'zod';
import { chainBreaks } from '../../support/hashChains';

const userId = '77777777-7777-4777-8777-777777777777';
const register = {
  type: 'RegisterUser' as const,
  userId,
  username: 'alice',
  email: 'a@example.com',
  displayName: 'Alice',
  passwordHash: 'h',
};
const { type: _command, ...registered } = register;
const renameTo = (displayName: string) => ({ type: 'ChangeProfile' as const, displayName });
const stream = `user-${userId}`;
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

  it('keeps each decider folding one stream in its own state', async () => {
    const pipeline = new CommandPipeline(new MemoryEventStore());
    await pipeline.execute(userAggregate, userId, register, metadata);
    // Another decider over the user stream: it counts the events, the user decider ignores the count.
    const counting = { ...userAggregate, decider: { initialState: 0, evolve: (count: number) => count + 1, decide: () => [] } };
    expect((await pipeline.load(counting, userId)).state).toBe(1);
    await pipeline.execute(userAggregate, userId, renameTo('Al'), metadata);
    expect((await pipeline.load(counting, userId)).state).toBe(2);
    expect((await pipeline.load(userAggregate, userId)).state).toMatchObject({ exists: true, displayName: 'Al' });
  });
});

describe('command pipeline: hash chain', () => {
  it('chains a new stream from GENESIS_HASH and each later command from the stored last hash', async () => {
    const store = new MemoryEventStore();
    const pipeline = new CommandPipeline(store);
    await pipeline.execute(userAggregate, userId, register, metadata);
    await pipeline.execute(userAggregate, userId, renameTo('Al'), metadata);
    const result = await new CommandPipeline(store).execute(userAggregate, userId, renameTo('A.'), metadata);
    const events = await store.readStream(stream);
    expect(events).toHaveLength(3);
    expect(chainBreaks(events)).toEqual([]);
    expect(result.hash).toBe(events[2]!.metadata.hash);
  });

  it('continues the chain after another writer appended to a stream this pipeline had folded', async () => {
    const store = new MemoryEventStore();
    const warm = new CommandPipeline(store);
    await warm.execute(userAggregate, userId, register, metadata);
    await new CommandPipeline(store).execute(userAggregate, userId, renameTo('Other'), metadata);
    await warm.execute(userAggregate, userId, renameTo('Warm'), metadata);
    expect(chainBreaks(await store.readStream(stream))).toEqual([]);
  });

  it('anchors a stream written before chains existed at its first chained event', async () => {
    const store = new MemoryEventStore();
    const legacy = [
      { id: '00000000-0000-4000-8000-000000000001', type: 'UserRegistered', data: registered, metadata },
      { id: '00000000-0000-4000-8000-000000000002', type: 'UserProfileChanged', data: { userId, displayName: 'Old' }, metadata },
    ];
    await store.append(stream, legacy, { expectedRevision: 'no_stream' });
    const loaded = await new CommandPipeline(store).load(userAggregate, userId);
    const stored = await store.readStream(stream);
    const anchor = eventHash(eventHash(GENESIS_HASH, stored[0]!), stored[1]!);
    expect(loaded.hash).toBe(anchor);

    await new CommandPipeline(store).execute(userAggregate, userId, renameTo('New'), metadata);
    const [, , first] = await store.readStream(stream);
    expect(first!.metadata.prevHash).toBe(anchor);
    expect(first!.metadata.hash).toBe(eventHash(anchor, first!));
    expect(stored.every((event) => event.metadata.hash === undefined)).toBe(true);
  });

  it('chains the events of one append one after the other', async () => {
    const store = new MemoryEventStore();
    await new CommandPipeline(store).execute(twiceAggregate, 'one', { type: 'Twice' }, metadata);
    const events = await store.readStream('twice-one');
    expect(events).toHaveLength(2);
    expect(chainBreaks(events)).toEqual([]);
  });
});

/** An aggregate whose one command decides two events. */
const happened = z.object({ type: z.literal('Happened'), data: z.object({ n: z.number() }) });
const twiceAggregate = {
  category: 'twice',
  eventSchema: happened,
  decider: {
    initialState: null,
    evolve: () => null,
    decide: (): Array<z.infer<typeof happened>> => [
      { type: 'Happened', data: { n: 1 } },
      { type: 'Happened', data: { n: 2 } },
    ],
  },
};
