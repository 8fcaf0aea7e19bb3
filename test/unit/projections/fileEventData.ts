import { sha, uuid } from './recordedEvents';

/** Valid event data for the file and folder events the projection specs replay; fields overridable. */
export const OWNER = uuid(1);
export const OTHER_OWNER = uuid(2);

export const fileUploaded = (fileId: string, fields: Record<string, unknown> = {}) => ({
  fileId,
  ownerId: OWNER,
  folderId: null,
  name: 'Report.txt',
  versionId: uuid(900),
  version: 1,
  size: 100,
  sha256: sha(1),
  mimeType: 'text/plain',
  ...fields,
});

export const fileContentReplaced = (fileId: string, fields: Record<string, unknown> = {}) => ({
  fileId,
  ownerId: OWNER,
  versionId: uuid(901),
  version: 2,
  size: 250,
  sha256: sha(2),
  mimeType: 'text/markdown',
  previousSize: 100,
  previousMimeType: 'text/plain',
  ...fields,
});

export const fileDeleted = (fileId: string, fields: Record<string, unknown> = {}) => ({
  fileId,
  ownerId: OWNER,
  folderId: null,
  name: 'Report.txt',
  size: 250,
  mimeType: 'text/markdown',
  storedBytes: 350,
  versionCount: 2,
  deletedAt: '2026-01-01T01:00:00.000Z',
  reason: 'deleted',
  ...fields,
});

export const folderCreated = (folderId: string, parentId: string | null, name = 'Docs', ownerId = OWNER) => ({
  folderId,
  ownerId,
  parentId,
  name,
});

export const folderDeleted = (folderId: string, parentId: string | null, name = 'Docs') => ({
  folderId,
  ownerId: OWNER,
  parentId,
  name,
  deletedAt: '2026-01-01T01:00:00.000Z',
  reason: 'deleted',
});
