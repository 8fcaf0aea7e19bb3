import type { Position } from '../../ports/eventStore';
import type { ReadStore } from '../../ports/readStore';
import type { FeedClockMark } from './feedClockProjection';
import { FEED_CLOCK, minuteOf } from './feedClockProjection';

const MINUTE_MS = 60_000;

/**
 * A position that events of `at`'s minute and later all come after: the mark of the latest minute at least
 * one whole minute before it (clocks of the processes that append may disagree by a little), or null when
 * the log has no mark that early.
 */
export async function positionBefore(readStore: ReadStore, at: Date): Promise<Position | null> {
  const latest = minuteOf(new Date(at.getTime() - 2 * MINUTE_MS));
  const [mark] = await readStore.find<FeedClockMark>(FEED_CLOCK, { _id: { $lte: latest } }, { sort: [['_id', -1]], limit: 1 });
  return mark?.position ?? null;
}
