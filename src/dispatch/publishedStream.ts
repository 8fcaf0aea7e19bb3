import { FILE_DOWNLOADS_CATEGORY } from '../domain/file/fileEvents';
import { categoryOf } from '../domain/publicEvents';

/**
 * Categories kept apart in the event store only so that their volume stays out of an aggregate's stream,
 * published as that aggregate's: same topic, keyed by its stream of the same id, so consumers see one
 * resource's events in order on one key.
 */
const PUBLISHED_AS: Readonly<Record<string, string>> = { [FILE_DOWNLOADS_CATEGORY]: 'file' };

export interface PublishedStream {
  /** The category whose topic carries the event. */
  category: string;
  /** The stream id consumers see: the message key and the CloudEvents subject. */
  streamId: string;
}

export function publishedStream(streamId: string): PublishedStream {
  const category = categoryOf(streamId);
  const owner = PUBLISHED_AS[category];
  if (owner === undefined) return { category, streamId };
  return { category: owner, streamId: `${owner}${streamId.slice(category.length)}` };
}
