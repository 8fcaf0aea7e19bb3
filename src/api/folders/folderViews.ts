import { z } from 'zod';
import type { FolderView } from '../../projections/folders/folderViews';

const folderFields = {
  id: z.uuid(),
  name: z.string(),
  parent_id: z.uuid().nullable(),
  /** The user who owns the folder; a grantee sees someone else's id here. */
  owner_id: z.string(),
  file_count: z.int().min(0),
  folder_count: z.int().min(0),
  created_at: z.string(),
  updated_at: z.string(),
};

export const folderSummaryResponse = z.object(folderFields).meta({ id: 'FolderSummary' });

export const folderResponse = z
  .object({
    ...folderFields,
    /** From the top-level folder down to this one. */
    path: z.array(z.object({ id: z.uuid(), name: z.string() })),
  })
  .meta({ id: 'Folder' });

export const deletedFolderResponse = z
  .object({
    id: z.uuid(),
    deleted_at: z.string(),
    deleted_files: z.int().min(0),
    deleted_folders: z.int().min(0),
  })
  .meta({ id: 'DeletedFolder' });

export const presentFolderSummary = (view: FolderView): z.infer<typeof folderSummaryResponse> => ({
  id: view._id,
  name: view.name,
  parent_id: view.parent_id,
  owner_id: view.owner_id,
  file_count: view.file_count,
  folder_count: view.folder_count,
  created_at: view.created_at,
  updated_at: view.updated_at,
});
