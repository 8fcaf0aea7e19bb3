import type { Document } from '../../ports/readStore';

export const FOLDERS = 'folders';

export interface FolderView extends Document {
  owner_id: string;
  /** null for a folder at the owner's root. */
  parent_id: string | null;
  name: string;
  /** Sort key for `sort=name`. */
  name_lower: string;
  /** Live files and folders directly inside. */
  file_count: number;
  folder_count: number;
  created_at: string;
  updated_at: string;
}

export const FOLDER_SORT_KEYS = ['name_lower', 'created_at', 'updated_at'] as const;
