import type { EventToAppend } from '../../src/ports/eventStore';

/** What one append came to: written, refused by the expected-revision check, or refused by a busy database. */
export type AppendOutcome = 'appended' | 'conflict' | 'busy';

/**
 * One event store under test, driven the same way for every peer. Revisions are counted as events already
 * in the stream (0: the stream does not exist), so that each adapter translates to its store's own convention.
 */
export interface AppendTarget {
  readonly name: string;
  /** Appends one event to `stream`, expecting it to hold exactly `before` events. */
  append(stream: string, event: EventToAppend, before: number): Promise<AppendOutcome>;
  /** How many events `stream` holds, read through the store's own API; it is known to hold at least `atLeast`, so only later events are read. */
  length(stream: string, atLeast: number): Promise<number>;
  close(): Promise<void>;
}
