import { z } from 'zod';
import { SHARE_PERMISSIONS } from '../../domain/share/shareEvents';
import { cursorParam, limitParam, pageSchema } from '../http/pagination';

const permission = z.enum(SHARE_PERMISSIONS);

const userSummary = z.object({ user_id: z.uuid(), username: z.string(), name: z.string() });

/** One user a resource is shared with, in the seed's shape, plus the expiry and where the share comes from. */
export const resourceShareItem = z
  .object({
    share_id: z.uuid(),
    user_id: z.uuid(),
    username: z.string(),
    name: z.string(),
    email: z.string(),
    permission,
    shared_at: z.string(),
    expires_at: z.string().nullable(),
    /** `direct`: a share of this resource; `folder`: of the folder `folder_id` above it. */
    via: z.enum(['direct', 'folder']),
    folder_id: z.uuid().optional(),
  })
  .meta({ id: 'ResourceShare' });

export const fileSharesResponse = z
  .object({ file_id: z.uuid(), filename: z.string(), shares: z.array(resourceShareItem), total_shares: z.int().min(0) })
  .meta({ id: 'FileShares' });

export const folderSharesResponse = z
  .object({ folder_id: z.uuid(), name: z.string(), shares: z.array(resourceShareItem), total_shares: z.int().min(0) })
  .meta({ id: 'FolderShares' });

export const sharedQuery = z.strictObject({
  view: z.enum(['received', 'sent']).default('received'),
  limit: limitParam(),
  cursor: cursorParam,
});

/** A share with or by the caller, with the seed's item fields; `folder_id` is set (and `file_id` null) for a folder share. */
export const sharedItem = z
  .object({
    share_id: z.uuid(),
    resource_kind: z.enum(['file', 'folder']),
    file_id: z.uuid().nullable(),
    folder_id: z.uuid().optional(),
    filename: z.string(),
    size_bytes: z.int().min(0).nullable(),
    content_type: z.string().nullable(),
    permission,
    shared_at: z.string(),
    expires_at: z.string().nullable(),
    file_created_at: z.string(),
    shared_by: userSummary,
    shared_with: userSummary,
  })
  .meta({ id: 'SharedItem' });

export const sharedResponse = pageSchema(sharedItem)
  .extend({ view: z.enum(['received', 'sent']) })
  .meta({ id: 'SharedPage' });

export const shareStatsResponse = z
  .object({
    stats: z.object({
      files_you_shared: z.int().min(0),
      files_shared_with_you: z.int().min(0),
      users_who_shared_with_you: z.int().min(0),
      users_you_shared_with: z.int().min(0),
      public_links: z.int().min(0),
      active_public_links: z.int().min(0),
    }),
  })
  .meta({ id: 'ShareStats' });
