import type { Document } from '../../ports/readStore';

export const FILES = 'files';
/** One row per (file, tag), carrying a copy of the file's row: the filter language has no array-contains, so tag lists are queried here. */
export const FILE_TAGS = 'file_tags';
export const FILE_VERSIONS = 'file_versions';

export interface FileView extends Document {
  owner_id: string;
  /** null for the owner's root. */
  folder_id: string | null;
  name: string;
  /** Sort key for `sort=name`: names order regardless of letter case. */
  name_lower: string;
  mime_type: string;
  size: number;
  sha256: string;
  version: number;
  version_id: string;
  description: string | null;
  tags: string[];
  created_at: string;
  updated_at: string;
}

export interface FileTagView extends FileView {
  file_id: string;
  tag: string;
}

export interface FileVersionView extends Document {
  file_id: string;
  owner_id: string;
  version: number;
  size: number;
  sha256: string;
  mime_type: string;
  created_at: string;
}

/** Fields a file list can be sorted by (`name` sorts by name_lower). */
export const FILE_SORT_KEYS = ['name_lower', 'created_at', 'updated_at', 'size'] as const;

export const fileTagId = (fileId: string, tag: string) => `${fileId}:${tag}`;

/** The file id of a row from either FILES or FILE_TAGS. */
export const fileIdOf = (view: FileView | FileTagView): string =>
  'file_id' in view && typeof view.file_id === 'string' ? view.file_id : view._id;
