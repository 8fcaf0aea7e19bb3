import { z } from 'zod';
import { folderShareEvents } from '../share/shareEvents';

/** A folder's parent; null is the owner's root. */
const parentId = z.uuid().nullable();

export const folderCreated = z.object({
  type: z.literal('FolderCreated'),
  data: z.object({ folderId: z.uuid(), ownerId: z.uuid(), parentId, name: z.string() }),
});

export const folderRenamed = z.object({
  type: z.literal('FolderRenamed'),
  data: z.object({ folderId: z.uuid(), ownerId: z.uuid(), parentId, name: z.string(), previousName: z.string() }),
});

export const folderMoved = z.object({
  type: z.literal('FolderMoved'),
  data: z.object({ folderId: z.uuid(), ownerId: z.uuid(), name: z.string(), parentId, previousParentId: parentId }),
});

export const folderDeleted = z.object({
  type: z.literal('FolderDeleted'),
  data: z.object({
    folderId: z.uuid(),
    ownerId: z.uuid(),
    parentId,
    name: z.string(),
    deletedAt: z.iso.datetime(),
    /** `parent_deleted` when it went with a folder deleted recursively. */
    reason: z.enum(['deleted', 'parent_deleted']),
  }),
});

export const folderEvent = z.discriminatedUnion('type', [
  folderCreated,
  folderRenamed,
  folderMoved,
  folderDeleted,
  folderShareEvents.shared,
  folderShareEvents.changed,
  folderShareEvents.revoked,
  folderShareEvents.expired,
]);
export type FolderEvent = z.infer<typeof folderEvent>;
