import { fileEvent } from '../../domain/file/fileEvents';
import { folderEvent } from '../../domain/folder/folderEvents';
import type { RecordedEvent } from '../../ports/eventStore';
import type { ReadStore } from '../../ports/readStore';
import type { Projection } from '../projection';
import type { FolderView } from './folderViews';
import { FOLDER_SORT_KEYS, FOLDERS } from './folderViews';

const FOLDER_EVENTS: ReadonlySet<string> = new Set(folderEvent.options.map((option) => option.shape.type.value));

/** Adds to a folder's child count; the root has no row, and a deleted parent's row is gone (the patch then writes nothing). */
async function count(tx: ReadStore, folderId: string | null, field: 'file_count' | 'folder_count', by: number): Promise<void> {
  if (folderId !== null) await tx.patch(FOLDERS, folderId, { $inc: { [field]: by } });
}

async function applyFolderEvent(recorded: RecordedEvent, tx: ReadStore, at: string): Promise<void> {
  const event = folderEvent.parse({ type: recorded.type, data: recorded.data });
  switch (event.type) {
    case 'FolderCreated': {
      const { folderId, ownerId, parentId, name } = event.data;
      const view: FolderView = {
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
      await tx.upsert(FOLDERS, view);
      return count(tx, parentId, 'folder_count', 1);
    }
    case 'FolderRenamed':
      return void (await tx.patch(FOLDERS, event.data.folderId, {
        $set: { name: event.data.name, name_lower: event.data.name.toLowerCase(), updated_at: at },
      }));
    case 'FolderMoved':
      await tx.patch(FOLDERS, event.data.folderId, { $set: { parent_id: event.data.parentId, updated_at: at } });
      await count(tx, event.data.previousParentId, 'folder_count', -1);
      return count(tx, event.data.parentId, 'folder_count', 1);
    case 'FolderDeleted':
      await tx.delete(FOLDERS, event.data.folderId);
      return count(tx, event.data.parentId, 'folder_count', -1);
  }
}

async function applyFileEvent(recorded: RecordedEvent, tx: ReadStore): Promise<void> {
  const event = fileEvent.parse({ type: recorded.type, data: recorded.data });
  switch (event.type) {
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
export const foldersProjection: Projection = {
  name: 'folders',
  version: 1,
  collections: [FOLDERS],
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

  async apply(recorded: RecordedEvent, tx: ReadStore) {
    const at = recorded.createdAt.toISOString();
    if (FOLDER_EVENTS.has(recorded.type)) return applyFolderEvent(recorded, tx, at);
    return applyFileEvent(recorded, tx);
  },
};
