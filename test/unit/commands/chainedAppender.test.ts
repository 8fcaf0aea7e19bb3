import { randomUUID } from 'node:crypto';
import { MemoryEventStore } from '../../../src/adapters/eventStore/memoryEventStore';
import { ChainedAppender } from '../../../src/commands/chainedAppender';
import { eventHash, GENESIS_HASH } from '../../../src/domain/audit/eventHash';
import type { AppendResult, EventToAppend, ExpectedRevision } from '../../../src/ports/eventStore';
import { KeyedMutex } from '../../../src/shared/keyedMutex';
import { chainBreaks } from '../../support/hashChains';

const STREAM = 'download-00000000-0000-4000-8000-000000000001';
const fact = (n: number): EventToAppend => ({ id: randomUUID(), type: 'Counted', data: { n }, metadata: { actor: 'someone' } });

/** Counts appends, and can make the next one land and still fail (a lost answer). */
class WatchedEventStore extends MemoryEventStore {
  appends = 0;
  conflicts = 0;
  loseNextAnswer = false;

  override async append(
    stream: string,
    events: readonly EventToAppend[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    this.appends++;
    try {
      const result = await super.append(stream, events, options);
      if (this.loseNextAnswer) {
        this.loseNextAnswer = false;
        throw new Error('connection reset');
      }
      return result;
    } catch (error) {
      if (error instanceof Error && error.name === 'WrongExpectedRevisionError') this.conflicts++;
      throw error;
    }
  }
}

describe('ChainedAppender', () => {
  it('serialises concurrent appends to one stream in one process: all land, none conflicts, the chain holds', async () => {
    const store = new WatchedEventStore();
    const appender = new ChainedAppender(store);
    await Promise.all(Array.from({ length: 50 }, (_, n) => appender.append(STREAM, [fact(n)])));
    const events = await store.readStream(STREAM);
    expect(events).toHaveLength(50);
    expect(chainBreaks(events)).toEqual([]);
    expect(store.conflicts).toBe(0);
    expect(store.appends).toBe(50);
  });

  it('retries across processes: two appenders on one store both land every append and keep one chain', async () => {
    const store = new WatchedEventStore();
    const [one, other] = [new ChainedAppender(store), new ChainedAppender(store)];
    await Promise.all(Array.from({ length: 40 }, (_, n) => (n % 2 === 0 ? one : other).append(STREAM, [fact(n)])));
    const events = await store.readStream(STREAM);
    expect(events).toHaveLength(40);
    expect(chainBreaks(events)).toEqual([]);
    expect(store.conflicts).toBeGreaterThan(0);
  });

  it('repeats a batch whose answer was lost exactly, so it is stored once, and chains on after it', async () => {
    const store = new WatchedEventStore();
    const appender = new ChainedAppender(store);
    const batch = [fact(1), fact(2)];
    store.loseNextAnswer = true;
    await expect(appender.append(STREAM, batch)).rejects.toThrow('connection reset');
    await appender.append(STREAM, batch);
    await appender.append(STREAM, [fact(3)]);
    const events = await store.readStream(STREAM);
    expect(events.map((event) => event.data.n)).toEqual([1, 2, 3]);
    expect(chainBreaks(events)).toEqual([]);
  });

  it('anchors a stream written before chains at its first chained event', async () => {
    const store = new WatchedEventStore();
    await store.append(STREAM, [fact(1), fact(2)], { expectedRevision: 'no_stream' });
    await new ChainedAppender(store).append(STREAM, [fact(3)]);
    const [first, second, chained] = await store.readStream(STREAM);
    const anchor = eventHash(eventHash(GENESIS_HASH, first!), second!);
    expect(chained!.metadata.prevHash).toBe(anchor);
    expect(chained!.metadata.hash).toBe(eventHash(anchor, chained!));
  });
});

describe('KeyedMutex', () => {
  it('runs one key in turn, other keys alongside, and forgets a key once no one holds it', async () => {
    const mutex = new KeyedMutex();
    const order: string[] = [];
    let releaseFirst!: () => void;
    const first = mutex.run('a', () => new Promise<void>((resolve) => (releaseFirst = resolve)).then(() => void order.push('a1')));
    const second = mutex.run('a', () => void order.push('a2'));
    await mutex.run('b', () => void order.push('b'));
    expect(mutex.size).toBe(1);
    releaseFirst();
    await Promise.all([first, second]);
    expect(order).toEqual(['b', 'a1', 'a2']);
    expect(mutex.size).toBe(0);
  });
});
