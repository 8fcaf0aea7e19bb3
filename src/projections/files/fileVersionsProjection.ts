import { fileEvent } from '../../domain/file/fileEvents';
import type { RecordedEvent } from '../../ports/eventStore';
import type { ReadStore } from '../../ports/readStore';
import type { Projection } from '../projection';
import type { FileVersionView } from './fileViews';
import { FILE_VERSIONS } from './fileViews';

const PAGE = 500;

/** Every version of each live file; a deleted file's versions go with it. */
export const fileVersionsProjection: Projection = {
  name: 'file_versions',
  version: 1,
  collections: [FILE_VERSIONS],
  handles: ['FileUploaded', 'FileContentReplaced', 'FileDeleted'],

  async setup(store) {
    await store.ensureIndex(FILE_VERSIONS, {
      fields: [
        ['file_id', 1],
        ['version', 1],
      ],
    });
  },

  async apply(recorded: RecordedEvent, tx: ReadStore) {
    const event = fileEvent.parse({ type: recorded.type, data: recorded.data });
    const at = recorded.createdAt.toISOString();
    switch (event.type) {
      case 'FileUploaded':
      case 'FileContentReplaced': {
        const { fileId, ownerId, versionId, version, size, sha256, mimeType } = event.data;
        const view: FileVersionView = {
          _id: versionId,
          file_id: fileId,
          owner_id: ownerId,
          version,
          size,
          sha256,
          mime_type: mimeType,
          created_at: at,
        };
        return tx.upsert(FILE_VERSIONS, view);
      }
      case 'FileDeleted': {
        let after: FileVersionView | undefined;
        for (;;) {
          const page = await tx.find<FileVersionView>(
            FILE_VERSIONS,
            { file_id: event.data.fileId },
            { sort: [['version', 1]], limit: PAGE, after },
          );
          for (const version of page) await tx.delete(FILE_VERSIONS, version._id);
          if (page.length < PAGE) return;
          after = page[page.length - 1];
        }
      }
      default:
        return;
    }
  },
};
