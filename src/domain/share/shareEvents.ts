import { z } from 'zod';

/** The levels a share can give; `download` and `edit` are the seeds' names for `read` and `write`. */
export const SHARE_PERMISSIONS = ['view', 'read', 'download', 'write', 'edit'] as const;
export const sharePermission = z.enum(SHARE_PERMISSIONS);

/** One grant to one user, as every share event of a file or a folder carries it. */
const grantFields = {
  ownerId: z.uuid(),
  shareId: z.uuid(),
  principalId: z.uuid(),
  permission: sharePermission,
  /** When the grant stops working, checked at access time; null never. */
  expiresAt: z.iso.datetime().nullable(),
};

const previousGrantFields = { previousPermission: sharePermission, previousExpiresAt: z.iso.datetime().nullable() };

/** The four share events of one resource kind, in that kind's stream: shared, changed, revoked, expired. */
function shareEventsOf<Names extends readonly [string, string, string, string], Id extends string>(names: Names, idField: Id) {
  const resourceId = { [idField]: z.uuid() } as Record<Id, z.ZodUUID>;
  const [shared, changed, revoked, expired] = names;
  return {
    shared: z.object({
      type: z.literal(shared as Names[0]),
      data: z.object({ ...resourceId, ...grantFields, sharedAt: z.iso.datetime() }),
    }),
    changed: z.object({
      type: z.literal(changed as Names[1]),
      data: z.object({ ...resourceId, ...grantFields, ...previousGrantFields }),
    }),
    revoked: z.object({
      type: z.literal(revoked as Names[2]),
      data: z.object({ ...resourceId, ...grantFields, revokedAt: z.iso.datetime() }),
    }),
    expired: z.object({
      type: z.literal(expired as Names[3]),
      data: z.object({ ...resourceId, ...grantFields, expiresAt: z.iso.datetime() }),
    }),
  };
}

export const fileShareEvents = shareEventsOf(['FileShared', 'SharePermissionChanged', 'ShareRevoked', 'ShareExpired'] as const, 'fileId');
export const folderShareEvents = shareEventsOf(
  ['FolderShared', 'FolderSharePermissionChanged', 'FolderShareRevoked', 'FolderShareExpired'] as const,
  'folderId',
);

export type FileShareEvent = z.infer<(typeof fileShareEvents)[keyof typeof fileShareEvents]>;
export type FolderShareEvent = z.infer<(typeof folderShareEvents)[keyof typeof folderShareEvents]>;

/** The eight share event types, files' and folders'. */
export const SHARE_EVENT_TYPES: ReadonlySet<string> = new Set(
  [...Object.values(fileShareEvents), ...Object.values(folderShareEvents)].map((schema) => schema.shape.type.value),
);

/** The grantee a share event of a file or folder is about; null for any other event. */
export function shareEventPrincipal(event: { type: string; data: Record<string, unknown> }): string | null {
  const principalId = event.data.principalId;
  return SHARE_EVENT_TYPES.has(event.type) && typeof principalId === 'string' ? principalId : null;
}
