import type { FileEvent } from '../../domain/file/fileEvents';
import { fileEvent } from '../../domain/file/fileEvents';
import type { FolderEvent } from '../../domain/folder/folderEvents';
import { folderEvent } from '../../domain/folder/folderEvents';
import type { ReadStore } from '../../ports/readStore';
import { documentProjection } from '../documentProjection';
import type { FolderView } from './folderViews';
import { FOLDER_SORT_KEYS, FOLDERS } from './folderViews';

type FoldersEvent = FolderEvent | FileEvent;

const FOLDER_EVENTS: ReadonlySet<string> = new Set(folderEvent.options.map((option) => option.shape.type.value));

const isFolderEvent = (event: FoldersEvent): event is FolderEvent => FOLDER_EVENTS.has(event.type);

function evolveFolder(current: FolderView | null, event: FoldersEvent, at: string): FolderView | null {
  if (!isFolderEvent(event)) return current;
  switch (event.type) {
    case 'FolderCreated': {
      const { folderId, ownerId, parentId, name } = event.data;
      return {
        _id: folderId,
        owner_id: ownerId,
        parent_id: parentId,
        name,
        name_lower: name.toLowerCase(),
        file_count: 0,
        folder_count: 0,
        created_at: at,
        updated_at: at,
      };
    }
    case 'FolderRenamed':
      return current && { ...current, name: event.data.name, name_lower: event.data.name.toLowerCase(), updated_at: at };
    case 'FolderMoved':
      return current && { ...current, parent_id: event.data.parentId, updated_at: at };
    case 'FolderDeleted':
      return null;
    case 'FolderShared':
    case 'FolderSharePermissionChanged':
    case 'FolderShareRevoked':
    case 'FolderShareExpired':
      return current;
  }
}

/** Adds to a folder's child count; the root has no row, and a deleted parent's row is gone (the patch then writes nothing). */
async function count(tx: ReadStore, folderId: string | null, field: 'file_count' | 'folder_count', by: number): Promise<void> {
  if (folderId !== null) await tx.patch(FOLDERS, folderId, { $inc: { [field]: by } });
}

/** The parents' child counts an event changes. */
async function countChildren(tx: ReadStore, event: FoldersEvent): Promise<void> {
  switch (event.type) {
    case 'FolderCreated':
      return count(tx, event.data.parentId, 'folder_count', 1);
    case 'FolderMoved':
      await count(tx, event.data.previousParentId, 'folder_count', -1);
      return count(tx, event.data.parentId, 'folder_count', 1);
    case 'FolderDeleted':
      return count(tx, event.data.parentId, 'folder_count', -1);
    case 'FileUploaded':
      return count(tx, event.data.folderId, 'file_count', 1);
    case 'FileMoved':
      await count(tx, event.data.previousFolderId, 'file_count', -1);
      return count(tx, event.data.folderId, 'file_count', 1);
    case 'FileDeleted':
      return count(tx, event.data.folderId, 'file_count', -1);
    default:
      return;
  }
}

/** Each owner's live folders with their parent and direct child counts; paths are walked from these rows when asked for. */
export const foldersProjection = documentProjection<FoldersEvent, FolderView>({
  name: 'folders',
  version: 1,
  collection: FOLDERS,
  handles: [...FOLDER_EVENTS, 'FileUploaded', 'FileMoved', 'FileDeleted'],

  async setup(store) {
    for (const sortKey of FOLDER_SORT_KEYS) {
      await store.ensureIndex(FOLDERS, {
        fields: [
          ['owner_id', 1],
          [sortKey, 1],
        ],
      });
      await store.ensureIndex(FOLDERS, {
        fields: [
          ['owner_id', 1],
          ['parent_id', 1],
          [sortKey, 1],
        ],
      });
    }
  },
  parse: (event) => (FOLDER_EVENTS.has(event.type) ? folderEvent.parse(event) : fileEvent.parse(event)),
  key: (event) => (isFolderEvent(event) ? event.data.folderId : null),
  evolve: evolveFolder,
  alongside: (tx, { event }) => countChildren(tx, event),
});
