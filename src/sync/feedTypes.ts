import type { Position, RecordedEvent } from '../ports/eventStore';

/** One event of a user's sync feed, in the CryptoVaultX seed's shape plus the cursor to resume after it. */
export interface FeedItem {
  event_id: string;
  /** The public name (`share.created`, `file.updated`, …). */
  type: string;
  /** Who caused it: the event's actor. */
  user_id: string | null;
  timestamp: string;
  payload: Record<string, unknown>;
  /** Opaque; resuming after it gives exactly the events that follow. */
  cursor: string;
}

export interface FeedPage {
  items: FeedItem[];
  /** The last position scanned, even when nothing there was for this user; null when nothing was scanned and none was given. */
  nextPosition: Position | null;
  /** More events may be readable right now (the page stopped at its limit or its scan bound). */
  hasMore: boolean;
}

/** Reads a user's feed from the event log, never past the horizon (the position up to which the access read models are final). */
export interface FeedReader {
  page(userId: string, after: Position | null, limit: number): Promise<FeedPage>;
}

/** Which users an event reaches, decided for a whole batch of events read in position order up to the horizon. */
export interface FeedAudience {
  of(events: readonly RecordedEvent[]): Promise<ReadonlyMap<string, ReadonlySet<string>>>;
}

/** The position up to which the feed may be read, and a way to learn when it moves. */
export interface HorizonWatch {
  current(): Promise<Position | null>;
  /** Calls `listener` each time the horizon may have advanced; returns the unsubscribe function. */
  onAdvance(listener: () => void): () => void;
}
