import { randomUUID } from 'node:crypto';
import { MemoryEventStore } from '../../../src/adapters/eventStore/memoryEventStore';
import type { AuditFilter, AuditReadProgress } from '../../../src/audit/auditPorts';
import { EventStoreAuditLogReader } from '../../../src/audit/read/auditLogReader';
import type { Actor } from '../../../src/domain/access/accessPolicy';
import type { Position, RecordedEvent } from '../../../src/ports/eventStore';

const PAGE = 3;
const alice: Actor = { userId: randomUUID(), scopes: new Set(['audit.read']) };

async function logOf(streams: Record<string, string[]>): Promise<MemoryEventStore> {
  const store = new MemoryEventStore();
  for (const [stream, types] of Object.entries(streams))
    await store.append(
      stream,
      types.map((type) => ({ id: randomUUID(), type, data: {}, metadata: { actor: stream.startsWith('mine') ? alice.userId : 'other' } })),
      { expectedRevision: 'no_stream' },
    );
  return store;
}

function readerOver(store: MemoryEventStore, horizon: Position | null = null, readable: readonly string[] = []) {
  const reaching = async (_userId: string, events: readonly RecordedEvent[]) =>
    new Set(events.filter((event) => event.metadata.actor === alice.userId).map((event) => event.id));
  const mayRead = async (_actor: Actor, stream: string) => readable.includes(stream);
  return new EventStoreAuditLogReader(store, { current: async () => horizon }, { reaching }, { mayRead }, PAGE);
}

async function collect(reader: EventStoreAuditLogReader, filter: AuditFilter, visibleTo: Actor | null = null, signal?: AbortSignal) {
  const progress: AuditReadProgress[] = [];
  const events: RecordedEvent[] = [];
  for await (const event of reader.events(filter, { visibleTo, signal, onProgress: (each) => progress.push(each) })) events.push(event);
  return { types: events.map((event) => event.type), progress };
}

const LOG = { 'mine-1': ['A', 'B', 'C', 'D'], 'other-1': ['E', 'F'], 'mine-2': ['G', 'FileRenamed'] };

describe('EventStoreAuditLogReader', () => {
  it('reads the whole log across pages in log order, reporting progress after each page', async () => {
    const store = await logOf(LOG);
    const { types, progress } = await collect(readerOver(store), {});
    expect(types).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'FileRenamed']);
    expect(progress.map((each) => each.scanned)).toEqual([3, 6, 8]);
    expect(progress.at(-1)!.position).toBe(await store.headPosition());
  });

  it('reads one stream by revision, after a revision, and filters the rest as it reads', async () => {
    const store = await logOf(LOG);
    expect((await collect(readerOver(store), { stream: 'mine-1', afterRevision: 0n })).types).toEqual(['B', 'C', 'D']);
    expect((await collect(readerOver(store), { types: ['file.updated', 'E'] })).types).toEqual(['E', 'FileRenamed']);
    expect((await collect(readerOver(store), { category: 'other' })).types).toEqual(['E', 'F']);
    const [, second] = await store.readAll({ after: null, limit: 2 });
    expect((await collect(readerOver(store), { afterPosition: second!.position, actor: 'other' })).types).toEqual(['E', 'F']);
  });

  it('gives a user what reaches them, never past the horizon, and no stream they may not read', async () => {
    const store = await logOf(LOG);
    const events = await store.readAll({ after: null, limit: 100 });
    const horizon = events[6]!.position; // G: the access model has not passed FileRenamed yet
    expect((await collect(readerOver(store, horizon), {}, alice)).types).toEqual(['A', 'B', 'C', 'D', 'G']);
    expect((await collect(readerOver(store, null), {}, alice)).types).toEqual([]);
    expect((await collect(readerOver(store, horizon, ['mine-1']), { stream: 'other-1' }, alice)).types).toEqual([]);
    expect((await collect(readerOver(store, horizon, ['mine-1']), { stream: 'mine-1' }, alice)).types).toEqual(['A', 'B', 'C', 'D']);
  });

  it('gives a user of a stream they may read only its events that reach them (not other grantees of the resource)', async () => {
    const store = await logOf(LOG);
    expect((await collect(readerOver(store, null, ['other-1']), { stream: 'other-1' }, alice)).types).toEqual([]);
  });

  it('stops when its signal is aborted', async () => {
    const store = await logOf(LOG);
    const stop = new AbortController();
    const seen: string[] = [];
    for await (const event of readerOver(store).events({}, { visibleTo: null, signal: stop.signal })) {
      seen.push(event.type);
      if (seen.length === 2) stop.abort();
    }
    expect(seen).toEqual(['A', 'B']);
  });

  it('ends at the head it saw when it began', async () => {
    const store = await logOf(LOG);
    const seen: string[] = [];
    for await (const event of readerOver(store).events({}, { visibleTo: null })) {
      seen.push(event.type);
      if (seen.length === 1)
        await store.append(`late-${randomUUID()}`, [{ id: randomUUID(), type: 'Late', data: {}, metadata: {} }], {
          expectedRevision: 'no_stream',
        });
    }
    expect(seen).not.toContain('Late');
  });
});
