import { SqliteReadStore } from '../../../src/adapters/readStore/sqliteReadStore';
import { SqliteDatabase } from '../../../src/adapters/sqlite/sqliteDatabase';
import type { RecordedEvent } from '../../../src/ports/eventStore';
import type { Document } from '../../../src/ports/readStore';
import type { Projection } from '../../../src/projections/projection';
import { ProjectionRunner } from '../../../src/projections/projectionRunner';
import { silentLogger } from '../../support/stores';

type Collections = Record<string, readonly Document[]>;

const byId = (a: Document, b: Document) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);

/** Stored documents without the write guard's `_position`, which says nothing about the read model. */
const withoutGuard = ({ _position: _ignored, ...doc }: Document): Document => doc;

/** Runs the events through the projection's runner (each batch one transaction, position-guarded) on an in-memory SQLite read store. */
async function project<R>(
  projection: Projection,
  events: readonly RecordedEvent[],
  inspect: (store: SqliteReadStore, runner: ProjectionRunner) => Promise<R>,
  batches: ReadonlyArray<readonly RecordedEvent[]> = [events],
): Promise<R> {
  const db = new SqliteDatabase({ path: ':memory:' });
  try {
    const store = await SqliteReadStore.open(db);
    const runner = new ProjectionRunner(projection, store, silentLogger(), { maxAttempts: 1 }, () => undefined);
    await runner.prepare();
    runner.start();
    for (const batch of batches) if (batch.length > 0) await runner.apply(batch);
    return await inspect(store, runner);
  } finally {
    await db.close();
  }
}

/** Every collection of the projection after the batches, each applied as one transaction (guard fields dropped, `_id` order). */
export function projectedCollections(projection: Projection, batches: ReadonlyArray<readonly RecordedEvent[]>): Promise<Collections> {
  return project(
    projection,
    batches.flat(),
    async (store, runner) => {
      expect(runner.status().failure).toBeNull();
      const collections: Collections = {};
      for (const collection of projection.collections)
        collections[collection] = (await store.find(collection, {}, { limit: 10_000 })).map(withoutGuard).sort(byId);
      return collections;
    },
    batches,
  );
}

/**
 * Projection tests read as given / then:
 * `await projectionSpec(filesProjection).given([uploaded, renamed]).then(FILES, [{ _id: fileId, ... }])`.
 * `then` compares whole collections, in `_id` order whatever the order expected documents are listed in.
 */
export function projectionSpec(projection: Projection) {
  return {
    given(events: readonly RecordedEvent[]) {
      function then(collection: string, expected: readonly Document[]): Promise<void>;
      function then(expected: Collections): Promise<void>;
      function then(first: string | Collections, documents?: readonly Document[]): Promise<void> {
        const expected: Collections = typeof first === 'string' ? { [first]: documents ?? [] } : first;
        return project(projection, events, async (store, runner) => {
          expect(runner.status().failure).toBeNull();
          const actual: Collections = {};
          for (const collection of Object.keys(expected)) {
            actual[collection] = (await store.find(collection, {}, { limit: 10_000 })).map(withoutGuard);
          }
          const sorted = Object.fromEntries(Object.entries(expected).map(([collection, docs]) => [collection, [...docs].sort(byId)]));
          expect(actual).toEqual(sorted);
        });
      }

      /** The projection refuses the events: it stops on the one named, and nothing of the batch is kept. */
      function thenFails(eventType: string, message: RegExp): Promise<void> {
        return project(projection, events, async (store, runner) => {
          expect(runner.status()).toMatchObject({ state: 'failed', failure: { eventType, message: expect.stringMatching(message) } });
          for (const collection of projection.collections) expect(await store.count(collection, {})).toBe(0);
        });
      }

      return { then, thenFails };
    },
  };
}
