import { publishedData } from '../dispatch/publishedData';
import { categoryOf, INTERNAL_CATEGORIES, PUBLIC_EVENT_NAMES } from '../domain/publicEvents';
import type { Position, RecordedEvent } from '../ports/eventStore';
import { cursorOf, positionOfCursor } from './feedCursor';
import type { FeedItem } from './feedTypes';

/** Categories a feed never shows besides the internal ones: request records are not changes to anything a user sees. */
const UNSHOWN_CATEGORIES: ReadonlySet<string> = new Set([...INTERNAL_CATEGORIES, 'usage']);

/** The public name an event has in a feed, or null for an event no feed shows. */
export function feedTypeOf(event: RecordedEvent): string | null {
  const name = PUBLIC_EVENT_NAMES[event.type];
  if (name === undefined || UNSHOWN_CATEGORIES.has(categoryOf(event.streamId))) return null;
  return name;
}

/** The item an event is in a feed (the seed's sync_event shape plus its cursor), or null for an event no feed shows. */
export function feedItemOf(event: RecordedEvent): FeedItem | null {
  const type = feedTypeOf(event);
  if (type === null) return null;
  return {
    event_id: event.id,
    type,
    user_id: event.metadata.actor ?? null,
    timestamp: event.createdAt.toISOString(),
    payload: publishedData(event),
    cursor: cursorOf(event.position),
  };
}

/** The feed's rules for items and cursors in one object, as the realtime hub takes them (its FeedItems). */
export const FEED_ITEMS = {
  itemOf: feedItemOf,
  cursorOf: (position: Position): string => cursorOf(position),
  positionOf: positionOfCursor,
};
