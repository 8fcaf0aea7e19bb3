import type { FeedItem } from '../sync/feedTypes';

/** `sync`: the whole feed; `file` / `folder`: one resource the client may see (checked when it subscribes). */
export type ChannelSubscription = { channel: 'sync'; resourceId: null } | { channel: 'file' | 'folder'; resourceId: string };

export const CHANNELS = ['sync', 'file', 'folder'] as const;

/** Payload fields naming the folder an item is in, or was in before a move (files: `folderId`, folders: `parentId`). */
const FOLDER_FIELDS = ['folderId', 'previousFolderId', 'parentId', 'previousParentId'] as const;

/**
 * Whether a feed item belongs to a channel: a file channel carries the file's events (shares, downloads and
 * links of it included), a folder channel the folder's own and those of what is directly in it, or was
 * moved out of it. Decided on the published payload alone, so a replayed item and a live one match alike.
 */
export function matchesChannel(item: FeedItem, subscription: ChannelSubscription): boolean {
  switch (subscription.channel) {
    case 'sync':
      return true;
    case 'file':
      return item.payload.fileId === subscription.resourceId;
    case 'folder':
      return FOLDER_FIELDS.some((field) => item.payload[field] === subscription.resourceId);
  }
}

/** A connection that subscribed to no channel follows its whole feed. */
export const matchesAnyChannel = (item: FeedItem, subscriptions: readonly ChannelSubscription[]): boolean =>
  subscriptions.length === 0 || subscriptions.some((subscription) => matchesChannel(item, subscription));
