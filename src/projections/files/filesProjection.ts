import { fileEvent } from '../../domain/file/fileEvents';
import type { FileEvent } from '../../domain/file/fileEvents';
import { documentProjection } from '../documentProjection';
import { writeTagRows } from './fileTagRows';
import type { FileView } from './fileViews';
import { FILE_SORT_KEYS, FILE_TAGS, FILES } from './fileViews';

const HANDLED = ['FileUploaded', 'FileContentReplaced', 'FileRenamed', 'FileMoved', 'FileMetadataChanged', 'FileDeleted'] as const;

/** The next state of a file's row for an event, or null once the file is deleted. */
function evolveFile(current: FileView | null, event: FileEvent, at: string): FileView | null {
  if (event.type === 'FileUploaded') {
    const { fileId, ownerId, folderId, name, versionId, version, size, sha256, mimeType } = event.data;
    return {
      _id: fileId,
      owner_id: ownerId,
      folder_id: folderId,
      name,
      name_lower: name.toLowerCase(),
      mime_type: mimeType,
      size,
      sha256,
      version,
      version_id: versionId,
      description: null,
      tags: [],
      created_at: at,
      updated_at: at,
    };
  }
  // The row may already be gone: a replay of a deletion cut short on a store without transactions.
  if (event.type === 'FileDeleted') return null;
  if (!current) throw new Error(`file ${event.data.fileId} has no read model row: events out of order`);
  switch (event.type) {
    case 'FileContentReplaced': {
      const { versionId, version, size, sha256, mimeType } = event.data;
      return { ...current, version, version_id: versionId, size, sha256, mime_type: mimeType, updated_at: at };
    }
    case 'FileRenamed':
      return { ...current, name: event.data.name, name_lower: event.data.name.toLowerCase(), updated_at: at };
    case 'FileMoved':
      return { ...current, folder_id: event.data.folderId, updated_at: at };
    case 'FileMetadataChanged':
      return { ...current, description: event.data.description, tags: event.data.tags, updated_at: at };
    case 'FileDownloaded':
    case 'FileShared':
    case 'SharePermissionChanged':
    case 'ShareRevoked':
    case 'ShareExpired':
      return current;
  }
}

/** Each owner's live files, listable by folder, name, mime type and tag, sorted by name, dates or size. */
export const filesProjection = documentProjection<FileEvent, FileView>({
  name: 'files',
  version: 1,
  collection: FILES,
  otherCollections: [FILE_TAGS],
  handles: HANDLED,

  async setup(store) {
    for (const sortKey of FILE_SORT_KEYS) {
      await store.ensureIndex(FILES, {
        fields: [
          ['owner_id', 1],
          [sortKey, 1],
        ],
      });
      await store.ensureIndex(FILES, {
        fields: [
          ['owner_id', 1],
          ['folder_id', 1],
          [sortKey, 1],
        ],
      });
      await store.ensureIndex(FILE_TAGS, {
        fields: [
          ['owner_id', 1],
          ['tag', 1],
          [sortKey, 1],
        ],
      });
    }
    await store.ensureIndex(FILE_TAGS, { fields: [['file_id', 1]] });
  },

  parse: (event) => fileEvent.parse(event),
  key: (event) => event.data.fileId,
  evolve: evolveFile,
  alongside: (tx, { event, next }) => writeTagRows(tx, event.data.fileId, next, event.type === 'FileUploaded'),
});
