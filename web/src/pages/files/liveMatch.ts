import type { FeedItem } from '../../api/realtime';

/** Payload fields naming the folder a file or folder event happened in, or was moved out of. */
const FOLDER_FIELDS = ['folderId', 'previousFolderId', 'parentId', 'previousParentId'] as const;

const isFilesEvent = (item: FeedItem) => /^(file|folder|upload)\./.test(item.type);

/**
 * Whether a feed item changes what a folder's list shows (null: My files): an event in it or moved out of it,
 * and a file event naming no folder (a new version, new tags), which may be of a file listed. With `everywhere`
 * (a search across folders) every file or folder event counts.
 */
export function changesFolder(item: FeedItem, folderId: string | null, everywhere: boolean): boolean {
  if (!isFilesEvent(item)) return false;
  if (everywhere) return true;
  const named = FOLDER_FIELDS.filter((field) => field in item.payload);
  return named.length === 0 || named.some((field) => item.payload[field] === folderId);
}
