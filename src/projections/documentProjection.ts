import type { RecordedEvent } from '../ports/eventStore';
import type { Document, Filter, ReadStore } from '../ports/readStore';
import { evolveDocument, evolveMatching } from './evolveDocument';
import type { Projection } from './projection';

/** Which documents an event changes: one by id, `{ matching }` for every one a filter selects, or null for none. */
export type DocumentKey = string | { matching: Filter } | null;

export interface DocumentChange<E, V extends Document> {
  event: E;
  recorded: RecordedEvent;
  /** The document's state after the event; null when deleted or when the event keys no single document. */
  next: V | null;
}

export interface DocumentProjectionSpec<E, V extends Document> {
  name: string;
  version: number;
  collection: string;
  /** Collections written by `alongside`; dropped and rebuilt with the main one. */
  otherCollections?: readonly string[];
  handles: readonly string[];
  setup(store: ReadStore): Promise<void>;
  /** Validates a recorded event's type and data into the projection's event union. */
  parse(event: { type: string; data: unknown }): E;
  key(event: E): DocumentKey;
  /** `at` is the event's creation time (ISO), so rebuilds write identical documents. */
  evolve(view: V | null, event: E, at: string): V | null;
  /** Writes that go with the change, to documents other than the evolved ones (derived rows, counters on a parent). */
  alongside?(tx: ReadStore, change: DocumentChange<E, V>): Promise<void>;
}

/** The common read model: each event evolves the document(s) it keys; a null result deletes. */
export function documentProjection<E, V extends Document>(spec: DocumentProjectionSpec<E, V>): Projection {
  return {
    name: spec.name,
    version: spec.version,
    collections: [spec.collection, ...(spec.otherCollections ?? [])],
    handles: spec.handles,
    setup: (store) => spec.setup(store),

    async apply(recorded: RecordedEvent, tx: ReadStore) {
      const event = spec.parse({ type: recorded.type, data: recorded.data });
      const at = recorded.createdAt.toISOString();
      const evolve = (view: V | null) => spec.evolve(view, event, at);
      const key = spec.key(event);
      let next: V | null = null;
      if (typeof key === 'string') next = await evolveDocument(tx, spec.collection, key, evolve);
      else if (key) await evolveMatching(tx, spec.collection, key.matching, evolve);
      await spec.alongside?.(tx, { event, recorded, next });
    },
  };
}
