import type { RecordedEvent } from '../ports/eventStore';
import type { ReadStore } from '../ports/readStore';

/**
 * A read model: which events it handles and how each one changes the read store.
 * Bumping `version` makes the runner drop its collections and rebuild it from the first event.
 * `apply` writes each document at most once per event: the runner stamps writes with the event's
 * position so that a replayed event is a no-op on stores without transactions.
 * Timestamps must come from the event (`createdAt`), never the clock, so rebuilds are identical.
 */
export interface Projection {
  name: string;
  version: number;
  collections: readonly string[];
  handles: readonly string[];
  setup(store: ReadStore): Promise<void>;
  apply(event: RecordedEvent, tx: ReadStore): Promise<void>;
}
