import { z } from 'zod';
import { fileContentReplaced, fileDeleted, fileMetadataChanged, fileMoved, fileRenamed, fileUploaded } from '../../domain/file/fileEvents';
import { folderCreated, folderDeleted, folderMoved, folderRenamed } from '../../domain/folder/folderEvents';
import type { GrantPermission } from '../../domain/access/accessPolicy';
import { fileShareEvents, folderShareEvents } from '../../domain/share/shareEvents';
import type { SharedResourceKind } from './accessRows';

/** The file and folder events the `access` projection follows, and the share events of both. */
export const accessEvent = z.discriminatedUnion('type', [
  fileUploaded,
  fileContentReplaced,
  fileRenamed,
  fileMoved,
  fileMetadataChanged,
  fileDeleted,
  folderCreated,
  folderRenamed,
  folderMoved,
  folderDeleted,
  fileShareEvents.shared,
  fileShareEvents.changed,
  fileShareEvents.revoked,
  fileShareEvents.expired,
  folderShareEvents.shared,
  folderShareEvents.changed,
  folderShareEvents.revoked,
  folderShareEvents.expired,
]);
export type AccessEvent = z.infer<typeof accessEvent>;

export const ACCESS_EVENT_TYPES: readonly string[] = accessEvent.options.map((option) => option.shape.type.value);

/** A share event, whichever kind of resource it is on. */
export interface GrantChange {
  change: 'granted' | 'ended';
  resourceKind: SharedResourceKind;
  resourceId: string;
  ownerId: string;
  shareId: string;
  principalId: string;
  permission: GrantPermission;
  expiresAt: string | null;
  /** Set on a new share only. */
  sharedAt: string | null;
}

/** The grant a share event starts, changes or ends; null for the other events. */
export function grantChangeOf(event: AccessEvent): GrantChange | null {
  switch (event.type) {
    case 'FileShared':
    case 'SharePermissionChanged':
    case 'ShareRevoked':
    case 'ShareExpired':
    case 'FolderShared':
    case 'FolderSharePermissionChanged':
    case 'FolderShareRevoked':
    case 'FolderShareExpired': {
      const { data } = event;
      const isFile = 'fileId' in data;
      return {
        change: /Revoked$|Expired$/.test(event.type) ? 'ended' : 'granted',
        resourceKind: isFile ? 'file' : 'folder',
        resourceId: isFile ? data.fileId : data.folderId,
        ownerId: data.ownerId,
        shareId: data.shareId,
        principalId: data.principalId,
        permission: data.permission,
        expiresAt: data.expiresAt,
        sharedAt: 'sharedAt' in data ? data.sharedAt : null,
      };
    }
    default:
      return null;
  }
}
