import { z } from 'zod';
import type { FileTagView, FileVersionView, FileView } from '../../projections/files/fileViews';
import { fileIdOf } from '../../projections/files/fileViews';

export const fileResponse = z
  .object({
    id: z.uuid(),
    name: z.string(),
    folder_id: z.uuid().nullable(),
    /** The user who owns the file; a grantee sees someone else's id here. */
    owner_id: z.string(),
    mime_type: z.string(),
    size: z.int().min(0),
    sha256: z.string(),
    version: z.int().min(1),
    description: z.string().nullable(),
    tags: z.array(z.string()),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'File' });

export const presentFile = (view: FileView | FileTagView): z.infer<typeof fileResponse> => ({
  id: fileIdOf(view),
  name: view.name,
  folder_id: view.folder_id,
  owner_id: view.owner_id,
  mime_type: view.mime_type,
  size: view.size,
  sha256: view.sha256,
  version: view.version,
  description: view.description,
  tags: view.tags,
  created_at: view.created_at,
  updated_at: view.updated_at,
});

export const deletedResponse = z.object({ id: z.uuid(), deleted_at: z.string() }).meta({ id: 'Deleted' });

export const versionResponse = z
  .object({
    id: z.uuid(),
    version: z.int().min(1),
    size: z.int().min(0),
    sha256: z.string(),
    mime_type: z.string(),
    created_at: z.string(),
  })
  .meta({ id: 'FileVersion' });

export const presentVersion = (view: FileVersionView): z.infer<typeof versionResponse> => ({
  id: view._id,
  version: view.version,
  size: view.size,
  sha256: view.sha256,
  mime_type: view.mime_type,
  created_at: view.created_at,
});

export const historyEntryResponse = z
  .object({
    id: z.uuid(),
    type: z.string(),
    /** The public name webhooks and Kafka use, when the event has one. */
    event: z.string().nullable(),
    revision: z.int().min(0),
    created_at: z.string(),
    actor_id: z.string().nullable(),
    /** The event's fields, keys in snake_case like the rest of the API (`file_id`, `mime_type`). */
    data: z.record(z.string().regex(/^[a-z0-9_]+$/), z.unknown()),
  })
  .meta({ id: 'FileHistoryEntry' });
