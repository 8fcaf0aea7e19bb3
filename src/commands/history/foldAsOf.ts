import type { DomainEvent } from '../../domain/shared/decider';
import type { EventStore, Position, RecordedEvent } from '../../ports/eventStore';
import type { Aggregate } from '../pipeline';
import { streamName } from '../pipeline';

/** A point in the log's past: a position (as X-Filora-Position answers it) or a time. */
export type HistoryBound = { position: Position } | { time: Date };

/** Whether an event had happened at the bound: at or before its position, or at or before its time. */
export const isWithin =
  (bound: HistoryBound) =>
  (event: RecordedEvent): boolean =>
    'position' in bound ? event.position <= bound.position : event.createdAt.getTime() <= bound.time.getTime();

export interface FoldedAsOf<TState> {
  state: TState;
  /** The stream's first event: when the resource came to be. */
  first: RecordedEvent;
  /** The last event folded: the state is as it stood after it. */
  last: RecordedEvent;
  /** The time of the last event that changed what `shown` picks of the state. */
  changedAt: Date;
}

const PAGE = 1000;

function foldedOn<C, E extends DomainEvent, S>(
  folded: FoldedAsOf<S> | null,
  aggregate: Aggregate<C, E, S>,
  event: RecordedEvent,
  shown: (state: S) => unknown,
): FoldedAsOf<S> {
  const state = aggregate.decider.evolve(
    folded?.state ?? aggregate.decider.initialState,
    aggregate.eventSchema.parse({ type: event.type, data: event.data }),
  );
  if (folded === null) return { state, first: event, last: event, changedAt: event.createdAt };
  const changed = JSON.stringify(shown(state)) !== JSON.stringify(shown(folded.state));
  return { state, first: folded.first, last: event, changedAt: changed ? event.createdAt : folded.changedAt };
}

/**
 * A stream folded with its aggregate's own decider up to the bound (its events are in log order, so the
 * first one past the bound ends the read). Null when the stream had no event by then: it did not exist yet.
 * `shown` picks what a view of the state shows, so `changedAt` moves only with it (a share changes no file row).
 */
export async function foldAsOf<C, E extends DomainEvent, S>(
  eventStore: EventStore,
  aggregate: Aggregate<C, E, S>,
  id: string,
  bound: HistoryBound,
  shown: (state: S) => unknown,
): Promise<FoldedAsOf<S> | null> {
  const stream = streamName(aggregate.category, id);
  const within = isWithin(bound);
  let folded: FoldedAsOf<S> | null = null;
  for (let from = 0n; ; from += BigInt(PAGE)) {
    const page = await eventStore.readStream(stream, { from, limit: PAGE });
    for (const event of page) {
      if (!within(event)) return folded;
      folded = foldedOn(folded, aggregate, event, shown);
    }
    if (page.length < PAGE) return folded;
  }
}
