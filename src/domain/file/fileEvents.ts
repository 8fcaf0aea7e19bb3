import { z } from 'zod';
import { fileShareEvents } from '../share/shareEvents';

/** The folder a file is in; null is the owner's root. */
const folderId = z.uuid().nullable();
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const size = z.number().int().min(0);

/** A new file and its first version. */
export const fileUploaded = z.object({
  type: z.literal('FileUploaded'),
  data: z.object({
    fileId: z.uuid(),
    ownerId: z.uuid(),
    folderId,
    name: z.string(),
    versionId: z.uuid(),
    version: z.literal(1),
    size,
    sha256,
    mimeType: z.string(),
  }),
});

/** A new version of the content; the previous values let consumers adjust totals without state. */
export const fileContentReplaced = z.object({
  type: z.literal('FileContentReplaced'),
  data: z.object({
    fileId: z.uuid(),
    ownerId: z.uuid(),
    versionId: z.uuid(),
    version: z.number().int().min(2),
    size,
    sha256,
    mimeType: z.string(),
    previousSize: size,
    previousMimeType: z.string(),
  }),
});

export const fileRenamed = z.object({
  type: z.literal('FileRenamed'),
  data: z.object({ fileId: z.uuid(), ownerId: z.uuid(), folderId, name: z.string(), previousName: z.string() }),
});

export const fileMoved = z.object({
  type: z.literal('FileMoved'),
  data: z.object({ fileId: z.uuid(), ownerId: z.uuid(), name: z.string(), folderId, previousFolderId: folderId }),
});

export const fileMetadataChanged = z.object({
  type: z.literal('FileMetadataChanged'),
  data: z.object({ fileId: z.uuid(), ownerId: z.uuid(), description: z.string().nullable(), tags: z.array(z.string()) }),
});

/** Carries what the file held, so read models and consumers can subtract it without looking it up. */
export const fileDeleted = z.object({
  type: z.literal('FileDeleted'),
  data: z.object({
    fileId: z.uuid(),
    ownerId: z.uuid(),
    folderId,
    name: z.string(),
    size,
    mimeType: z.string(),
    /** Bytes of every version together. */
    storedBytes: size,
    versionCount: z.number().int().min(1),
    deletedAt: z.iso.datetime(),
    /** `folder_deleted` when it went with a folder deleted recursively. */
    reason: z.enum(['deleted', 'folder_deleted']),
  }),
});

/**
 * Downloads are recorded in `download-<fileId>`, not in the file's stream, so that no command on a file
 * folds its downloads. FileDownloaded stays in the file's union: streams written before this still hold it.
 */
export const FILE_DOWNLOADS_CATEGORY = 'download';

/** Bytes of a version were served; `range` is the inclusive byte range of a partial download. */
export const fileDownloaded = z.object({
  type: z.literal('FileDownloaded'),
  data: z.object({
    fileId: z.uuid(),
    ownerId: z.uuid(),
    versionId: z.uuid(),
    sha256,
    bytes: size,
    range: z.object({ start: size, end: size }).nullable(),
    /** The user who downloaded, or the public link the bytes went through. */
    downloadedBy: z.uuid(),
    /** Set when the download went through a public link (then `downloadedBy` is the link's id). */
    linkId: z.uuid().optional(),
  }),
});

export const fileEvent = z.discriminatedUnion('type', [
  fileUploaded,
  fileContentReplaced,
  fileRenamed,
  fileMoved,
  fileMetadataChanged,
  fileDeleted,
  fileDownloaded,
  fileShareEvents.shared,
  fileShareEvents.changed,
  fileShareEvents.revoked,
  fileShareEvents.expired,
]);
export type FileEvent = z.infer<typeof fileEvent>;
export type FileDownloaded = z.infer<typeof fileDownloaded>;
