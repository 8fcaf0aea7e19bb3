import { EventStoreChainVerifier } from '../../../src/audit/verify/eventStoreChainVerifier';
import { MemoryEventStore } from '../../../src/adapters/eventStore/memoryEventStore';
import { chainEvents, chainedHashAfter, GENESIS_HASH } from '../../../src/domain/audit/eventHash';
import type { VerifyProgress } from '../../../src/audit/auditPorts';
import type { EventToAppend } from '../../../src/ports/eventStore';

const streamA = 'file-00000000-0000-4000-8000-00000000000a';
const streamB = 'file-00000000-0000-4000-8000-00000000000b';
let sequence = 0;

const renamed = (name: string): EventToAppend => ({
  id: `00000000-0000-4000-8000-${String((sequence += 1)).padStart(12, '0')}`,
  type: 'FileRenamed',
  data: { name },
  metadata: { actor: 'user-1' },
});

/** Appends the events chained on from the stream's last hash, as the pipeline does; `edit` changes them after. */
async function appendChained(
  store: MemoryEventStore,
  stream: string,
  names: readonly string[],
  edit: (events: EventToAppend[]) => void = () => undefined,
): Promise<void> {
  const previous = (await store.readStream(stream)).reduce(chainedHashAfter, GENESIS_HASH);
  const { events } = chainEvents(previous, names.map(renamed));
  edit(events);
  await store.append(stream, events, { expectedRevision: 'any' });
}

describe('EventStoreChainVerifier', () => {
  it('walks one stream in pages, and all streams interleaved in the log, finding no break in intact chains', async () => {
    const store = new MemoryEventStore();
    for (const round of ['1', '2', '3']) {
      await appendChained(store, streamA, [`a${round}`, `a${round}'`]);
      await appendChained(store, streamB, [`b${round}`]);
    }
    const verifier = new EventStoreChainVerifier(store, 2);
    expect(await verifier.verifyStream(streamA)).toEqual({ streams: 1, events: 6, unchainedBeforeAnchor: 0, breaks: [] });
    const progress: VerifyProgress[] = [];
    expect(await verifier.verifyAll({ onProgress: (each) => progress.push(each) })).toEqual({
      streams: 2,
      events: 9,
      unchainedBeforeAnchor: 0,
      breaks: [],
    });
    expect(progress.at(-1)).toEqual({ checked: 9, total: 9 });
    expect(progress.map((each) => each.checked)).toEqual([2, 4, 6, 8, 9]);
  });

  it('names a break in the stream where it is, across pages, and counts events written before chains existed', async () => {
    const store = new MemoryEventStore();
    await store.append(streamA, [renamed('legacy')], { expectedRevision: 'no_stream' });
    await appendChained(store, streamA, ['a1', 'a2', 'a3'], (events) => (events[1]!.data.name = 'edited after hashing'));
    await appendChained(store, streamB, ['b1']);

    const verifier = new EventStoreChainVerifier(store, 2);
    const report = await verifier.verifyAll();
    expect(report).toMatchObject({ streams: 2, events: 5, unchainedBeforeAnchor: 1 });
    expect(report.breaks.map(({ stream, revision, kind }) => ({ stream, revision, kind }))).toEqual([
      { stream: streamA, revision: 2n, kind: 'hash_mismatch' },
    ]);
    expect(await verifier.verifyStream(streamA)).toEqual({ ...report, streams: 1, events: 4 });
    expect(await verifier.verifyStream(streamB)).toEqual({ streams: 1, events: 1, unchainedBeforeAnchor: 0, breaks: [] });
  });

  it('reports an empty walk for a stream that does not exist and for an empty log', async () => {
    const verifier = new EventStoreChainVerifier(new MemoryEventStore());
    const empty = { streams: 0, events: 0, unchainedBeforeAnchor: 0, breaks: [] };
    expect(await verifier.verifyStream(streamA)).toEqual(empty);
    const progress: VerifyProgress[] = [];
    expect(await verifier.verifyAll({ onProgress: (each) => progress.push(each) })).toEqual(empty);
    expect(progress).toEqual([]);
  });
});
