import { randomUUID } from 'node:crypto';
import type { EventStore, Position, ReadAllOptions, RecordedEvent } from '../../../src/ports/eventStore';
import type { Projection } from '../../../src/projections/projection';
import { ProjectionManager } from '../../../src/projections/projectionManager';
import { eventually } from '../../support/files';
import { openStores, silentLogger } from '../../support/stores';

const BATCH = 2;

type Stores = Awaited<ReturnType<typeof openStores>>;
let stores: Stores;
/** Every batch read of the log: where it started and the positions it returned. */
let reads: Array<{ after: Position | null; positions: Position[] }>;
let eventStore: EventStore;

beforeEach(async () => {
  stores = await openStores();
  reads = [];
  const inner = stores.eventStore;
  eventStore = {
    append: (...args) => inner.append(...args),
    readStream: (...args) => inner.readStream(...args),
    subscribe: (...args) => inner.subscribe(...args),
    headPosition: () => inner.headPosition(),
    close: () => inner.close(),
    async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
      const events = await inner.readAll(options);
      if (options.limit === BATCH) reads.push({ after: options.after, positions: events.map((event) => event.position) });
      return events;
    },
  };
});
afterEach(async () => {
  await stores.close();
});

const append = async () =>
  (
    await eventStore.append(`thing-${randomUUID()}`, [{ id: randomUUID(), type: 'Counted', data: {}, metadata: {} }], {
      expectedRevision: 'any',
    })
  ).position;

/** Counts the events it applies, and notes each application in `applied`. */
function counting(name: string, applied: string[], options: { version?: number; poison?: Position } = {}): Projection {
  return {
    name,
    version: options.version ?? 1,
    collections: [name],
    handles: ['Counted'],
    setup: async () => undefined,
    async apply(event, tx) {
      if (event.position === options.poison) throw new Error('cannot handle this');
      applied.push(`${name}@${Number(event.position)}`);
      await tx.patch(name, 'all', { $inc: { n: 1 } }, { upsert: true });
    },
  };
}

const manager = (projections: Projection[]) => new ProjectionManager(projections, eventStore, stores.readStore, silentLogger(), BATCH);
const countOf = async (name: string) => (await stores.readStore.get<{ _id: string; n: number }>(name, 'all'))?.n ?? 0;
/** How many reads of the log returned each event. */
const readsPerEvent = () => {
  const counts = new Map<Position, number>();
  for (const { positions } of reads) for (const position of positions) counts.set(position, (counts.get(position) ?? 0) + 1);
  return [...counts.values()];
};

describe('projection feed: one reader of the log for every projection', () => {
  it('rebuild reads each event once for all projections, and reports each one reaching the total', async () => {
    for (let i = 0; i < 5; i++) await append();
    const applied: string[] = [];
    const finals = new Map<string, number>();
    await manager([counting('a', applied), counting('b', applied), counting('c', applied)]).rebuild(({ projection, processed, total }) => {
      expect(total).toBe(5);
      finals.set(projection, processed);
    });
    expect(readsPerEvent()).toEqual([1, 1, 1, 1, 1]);
    expect(Object.fromEntries(finals)).toEqual({ a: 5, b: 5, c: 5 });
    expect([await countOf('a'), await countOf('b'), await countOf('c')]).toEqual([5, 5, 5]);
  });

  it('a rebuilt projection catches up while the one at the head keeps taking new events, then they share reads', async () => {
    const applied: string[] = [];
    const first = manager([counting('head', applied)]);
    await first.start();
    for (let i = 0; i < 3; i++) await append();
    expect(await first.waitFor((await eventStore.headPosition())!, 2000)).toBe(true);
    await first.stop();
    for (let i = 0; i < 3; i++) await append();
    applied.length = 0;

    // `head` resumes at event 3; `rebuilt` starts from the first event.
    const second = manager([counting('head', applied), counting('rebuilt', applied)]);
    await second.start();
    const sixth = (await eventStore.headPosition())!;
    expect(await second.waitFor(sixth, 2000)).toBe(true);
    expect(applied.indexOf('head@4')).toBeLessThan(applied.indexOf('rebuilt@3'));
    expect([await countOf('head'), await countOf('rebuilt')]).toEqual([6, 6]);

    reads = [];
    const seventh = await append();
    expect(await second.waitFor(seventh, 2000)).toBe(true);
    expect(reads.filter(({ positions }) => positions.includes(seventh))).toHaveLength(1);
    expect([await countOf('head'), await countOf('rebuilt')]).toEqual([7, 7]);
    await second.stop();
  });

  it('a projection that fails stops alone; the others keep following the log', async () => {
    const applied: string[] = [];
    const poison = await append();
    const projections = manager([counting('poisoned', applied, { poison }), counting('healthy', applied)]);
    await projections.start();
    const later = await append();
    // Under load the runners may not have got there yet: wait for both to settle, not for a fixed time.
    const statuses = await eventually(
      () => projections.statuses(),
      ([poisoned, healthy]) => poisoned?.state !== 'running' && healthy?.position === later,
      10_000,
    );
    expect(await projections.waitFor(later, 200)).toBe(false);
    expect(statuses).toEqual([
      expect.objectContaining({
        name: 'poisoned',
        state: 'failed',
        position: null,
        failure: expect.objectContaining({ position: poison }),
      }),
      expect.objectContaining({ name: 'healthy', state: 'running', position: later, lag: 0 }),
    ]);
    expect(await countOf('healthy')).toBe(2);
    await projections.stop();
  });
});
