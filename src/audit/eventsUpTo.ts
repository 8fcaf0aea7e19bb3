import type { Position } from '../ports/eventStore';
import { POSITION_SHAPE } from '../ports/eventStore';

/**
 * How many events the log held up to a position, read off the position itself, so a progress bar needs no
 * counting pass over the log: where positions are a global sequence (the embedded store, the memory store) a
 * position's number is the count of events appended up to it, an upper bound on what a walk sees there (a
 * deleted row lowers the real count). EventStoreDB positions are byte offsets: null, no total.
 */
export function eventsUpTo(position: Position | null): number | null {
  if (position === null) return 0;
  return POSITION_SHAPE.test(position) && !position.includes('/') ? Number(position) : null;
}
