import { MemoryEventStore } from '../../../src/adapters/eventStore/memoryEventStore';
import { userAggregate } from '../../../src/commands/aggregates';
import { CommandPipeline } from '../../../src/commands/pipeline';
import { eventHash, GENESIS_HASH } from '../../../src/domain/audit/eventHash';
import type { EventMetadata, RecordedEvent } from '../../../src/ports/eventStore';
import { z } from 'zod';

const userId = '77777777-7777-4777-8777-777777777777';
const stream = `user-${userId}`;
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
const metadata: EventMetadata = { actor: userId, requestId: 'req-1', correlationId: 'corr-1', ip: '127.0.0.1' };

/** The chain as a verifier recomputes it from what is stored: each event's prevHash is the hash before it. */
function expectChained(events: readonly RecordedEvent[], anchor: string): void {
  let running = anchor;
  for (const event of events) {
    expect(event.metadata.prevHash).toBe(running);
    expect(event.metadata.hash).toBe(eventHash(running, event));
    running = event.metadata.hash!;
  }
}

describe('command pipeline: hash chain', () => {
  it('chains a new stream from GENESIS_HASH and each later command from the stored last hash', async () => {
    const store = new MemoryEventStore();
    const pipeline = new CommandPipeline(store);
    await pipeline.execute(userAggregate, userId, register, metadata);
    await pipeline.execute(userAggregate, userId, renameTo('Al'), metadata);
    const result = await new CommandPipeline(store).execute(userAggregate, userId, renameTo('A.'), metadata);
    const events = await store.readStream(stream);
    expect(events).toHaveLength(3);
    expectChained(events, GENESIS_HASH);
    expect(result.hash).toBe(events[2]!.metadata.hash);
  });

  it('continues the chain after another writer appended to a stream this pipeline had folded', async () => {
    const store = new MemoryEventStore();
    const warm = new CommandPipeline(store);
    await warm.execute(userAggregate, userId, register, metadata);
    await new CommandPipeline(store).execute(userAggregate, userId, renameTo('Other'), metadata);
    await warm.execute(userAggregate, userId, renameTo('Warm'), metadata);
    expectChained(await store.readStream(stream), GENESIS_HASH);
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
    expectChained(events, GENESIS_HASH);
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
