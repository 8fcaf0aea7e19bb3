import type { EventStore, Position, RecordedEvent } from '../ports/eventStore';
import type { AccessHistoryAudience } from './feedAudience';
import { feedItemOf, feedTypeOf } from './feedItem';
import type { FeedItem, FeedPage, FeedReader, HorizonWatch } from './feedTypes';

export interface FeedReaderOptions {
  /** Events read from the log at a time. */
  readBatch: number;
  /** Most events one page looks at before it answers (with what it kept, and `hasMore`). */
  scanLimit: number;
}

export const DEFAULT_FEED_READER_OPTIONS: FeedReaderOptions = { readBatch: 500, scanLimit: 5000 };

/**
 * A user's feed, read from the event log in position order up to the horizon and filtered to the public
 * events that reach the user. A page ends at `limit` items, at `scanLimit` events looked at, or at the
 * horizon; its next position is the last event it looked at (the last item's, when it stopped at the limit),
 * so pages taken while writes continue have no gaps and no repeats.
 */
export class LogFeedReader implements FeedReader {
  constructor(
    private readonly eventStore: EventStore,
    private readonly horizon: HorizonWatch,
    private readonly audience: AccessHistoryAudience,
    private readonly options: FeedReaderOptions = DEFAULT_FEED_READER_OPTIONS,
  ) {}

  /** `notBefore` skips events that happened earlier (a `since=` start, which begins a little before it). */
  async page(userId: string, after: Position | null, limit: number, notBefore?: Date): Promise<FeedPage> {
    const horizon = await this.horizon.current();
    const items: FeedItem[] = [];
    let position = after;
    let scanned = 0;
    const more = () => horizon !== null && position !== null && position < horizon;
    while (horizon !== null && (position === null || position < horizon) && scanned < this.options.scanLimit) {
      const read = await this.eventStore.readAll({
        after: position,
        limit: Math.min(this.options.readBatch, this.options.scanLimit - scanned),
      });
      const batch = read.filter((event) => event.position <= horizon);
      if (batch.length === 0) break;
      const shown = batch.filter((event) => feedTypeOf(event) !== null && (notBefore === undefined || event.createdAt >= notBefore));
      const reaching = shown.length === 0 ? new Set<string>() : await this.audience.reaching(userId, shown);
      for (const event of batch) {
        scanned++;
        position = event.position;
        if (!reaching.has(event.id)) continue;
        items.push(this.itemOf(event));
        if (items.length === limit) return { items, nextPosition: position, hasMore: more() };
      }
      if (batch.length < read.length) break;
    }
    return { items, nextPosition: position, hasMore: more() };
  }

  private itemOf(event: RecordedEvent): FeedItem {
    const item = feedItemOf(event);
    if (!item) throw new Error(`event ${event.id} reached a feed but is not shown in one`);
    return item;
  }
}
