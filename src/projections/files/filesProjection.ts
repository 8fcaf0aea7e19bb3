import { fileEvent } from '../../domain/file/fileEvents';
import type { FileEvent } from '../../domain/file/fileEvents';
import type { RecordedEvent } from '../../ports/eventStore';
import type { ReadStore } from '../../ports/readStore';
import type { Projection } from '../projection';
import type { FileTagView, FileView } from './fileViews';
import { FILE_SORT_KEYS, FILE_TAGS, FILES, fileTagId } from './fileViews';

/** Far more than the 20 tags a file may have. */
const MAX_TAG_ROWS = 1000;

const HANDLED = ['FileUploaded', 'FileContentReplaced', 'FileRenamed', 'FileMoved', 'FileMetadataChanged', 'FileDeleted'] as const;

/** The next state of a file's row for an event, or null once the file is deleted. */
function nextView(event: FileEvent, current: FileView | null, at: string): FileView | null {
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
      return current;
  }
}

/**
 * Writes the file's row and its tag rows, each once. Tag rows the file no longer has are found by
 * querying them rather than from the previous row, which a replay (after a partly applied event on a
 * store without transactions) may already show updated.
 */
async function store(tx: ReadStore, fileId: string, next: FileView | null, isNew: boolean): Promise<void> {
  if (next) await tx.upsert(FILES, next);
  else await tx.delete(FILES, fileId);
  const kept = new Set(next?.tags ?? []);
  const existing = isNew ? [] : await tx.find<FileTagView>(FILE_TAGS, { file_id: fileId }, { limit: MAX_TAG_ROWS });
  for (const row of existing) if (!kept.has(row.tag)) await tx.delete(FILE_TAGS, row._id);
  for (const tag of kept) {
    const row: FileTagView = { ...next!, _id: fileTagId(fileId, tag), file_id: fileId, tag };
    await tx.upsert(FILE_TAGS, row);
  }
}

/** Each owner's live files, listable by folder, name, mime type and tag, sorted by name, dates or size. */
export const filesProjection: Projection = {
  name: 'files',
  version: 1,
  collections: [FILES, FILE_TAGS],
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

  async apply(recorded: RecordedEvent, tx: ReadStore) {
    const event = fileEvent.parse({ type: recorded.type, data: recorded.data });
    const fileId = event.data.fileId;
    const isNew = event.type === 'FileUploaded';
    const current = isNew ? null : await tx.get<FileView>(FILES, fileId);
    await store(tx, fileId, nextView(event, current, recorded.createdAt.toISOString()), isNew);
  },
};
