import { PUBLIC_EVENT_NAMES } from '../../domain/publicEvents';
import type { Position } from '../../ports/eventStore';
import type { Document } from '../../ports/readStore';
import type { Projection } from '../projection';

export const FEED_CLOCK = 'feed_clock';

/** The first feed event of one minute: `_id` is the minute (`2026-05-01T12:34`, UTC), so ids sort as time does. */
export interface FeedClockMark extends Document {
  position: Position;
}

/** The minute an instant falls in, as a mark's id. */
export const minuteOf = (at: Date): string => at.toISOString().slice(0, 16);

/**
 * Where in the log each minute begins, for feeds asked from a time (`since=`) and for the feed's retention
 * floor: one mark per minute in which a public event was appended, written by its first event.
 */
export const feedClockProjection: Projection = {
  name: 'feed_clock',
  version: 1,
  collections: [FEED_CLOCK],
  handles: Object.keys(PUBLIC_EVENT_NAMES),
  setup: async () => undefined,
  async apply(event, tx) {
    const minute = minuteOf(event.createdAt);
    if (await tx.get(FEED_CLOCK, minute)) return;
    const mark: FeedClockMark = { _id: minute, position: event.position };
    await tx.upsert(FEED_CLOCK, mark);
  },
};
