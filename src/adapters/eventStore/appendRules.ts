import type { AppendResult, EventToAppend, ExpectedRevision, Position } from '../../ports/eventStore';
import { WrongExpectedRevisionError } from '../../ports/errors';

/** Where an event id is already stored. */
export interface StoredEventRef {
  streamId: string;
  revision: bigint;
  position: Position;
}

export type CurrentRevision = bigint | 'no_stream';

export function assertAppendableBatch(stream: string, events: readonly EventToAppend[]): void {
  if (events.length === 0) throw new Error(`append to ${stream}: no events given`);
  const ids = new Set(events.map((event) => event.id));
  if (ids.size !== events.length) throw new Error(`append to ${stream}: the batch repeats an event id`);
}

/**
 * Idempotency: a batch whose every id is already stored in this stream is a retry, answered with the
 * original result whatever the expected revision. `stored[i]` is where events[i] already lives, if anywhere.
 */
export function idempotentResult(
  stream: string,
  events: readonly EventToAppend[],
  stored: readonly (StoredEventRef | undefined)[],
): AppendResult | undefined {
  events.forEach((event, index) => {
    const ref = stored[index];
    if (ref && ref.streamId !== stream) {
      throw new Error(`append to ${stream}: event id ${event.id} is already stored in stream ${ref.streamId}`);
    }
  });
  const found = stored.filter((ref): ref is StoredEventRef => ref !== undefined);
  if (found.length === 0) return undefined;
  const last = stored[events.length - 1];
  if (found.length < events.length || !last) {
    throw new Error(
      `append to ${stream}: ${found.length} of the ${events.length} event ids are already stored; a retry must repeat the whole batch`,
    );
  }
  return { nextExpectedRevision: last.revision, position: last.position };
}

export function describeExpectedRevision(expected: ExpectedRevision): string {
  return String(expected);
}

export function assertExpectedRevision(stream: string, expected: ExpectedRevision, actual: CurrentRevision): void {
  const matches =
    expected === 'any' ||
    (expected === 'no_stream' && actual === 'no_stream') ||
    (expected === 'stream_exists' && actual !== 'no_stream') ||
    (typeof expected === 'bigint' && expected === actual);
  if (!matches) throw new WrongExpectedRevisionError(stream, describeExpectedRevision(expected), actual);
}
