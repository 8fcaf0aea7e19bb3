import { z } from 'zod';
import { fileContentReplaced, fileDeleted, fileUploaded } from '../../domain/file/fileEvents';
import { documentProjection } from '../documentProjection';
import type { FileVersionView } from './fileViews';
import { FILE_VERSIONS } from './fileViews';

const versionEvent = z.discriminatedUnion('type', [fileUploaded, fileContentReplaced, fileDeleted]);
type VersionEvent = z.infer<typeof versionEvent>;

function evolveVersion(view: FileVersionView | null, event: VersionEvent, at: string): FileVersionView | null {
  if (event.type === 'FileDeleted') return null;
  const { fileId, ownerId, versionId, version, size, sha256, mimeType } = event.data;
  return { _id: versionId, file_id: fileId, owner_id: ownerId, version, size, sha256, mime_type: mimeType, created_at: at };
}

/** Every version of each live file; a deleted file's versions go with it. */
export const fileVersionsProjection = documentProjection<VersionEvent, FileVersionView>({
  name: 'file_versions',
  version: 1,
  collection: FILE_VERSIONS,
  handles: versionEvent.options.map((option) => option.shape.type.value),

  async setup(store) {
    await store.ensureIndex(FILE_VERSIONS, {
      fields: [
        ['file_id', 1],
        ['version', 1],
      ],
    });
  },
  parse: (event) => versionEvent.parse(event),
  key: (event) => (event.type === 'FileDeleted' ? { matching: { file_id: event.data.fileId } } : event.data.versionId),
  evolve: evolveVersion,
});
