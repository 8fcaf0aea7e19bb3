/** The API's answers the Files pages use (fields as the API names them). */

export interface FileItem {
  id: string;
  name: string;
  folder_id: string | null;
  owner_id: string;
  mime_type: string;
  size: number;
  sha256: string;
  version: number;
  description: string | null;
  tags: string[];
  created_at: string;
  updated_at: string;
}

export interface FolderSummary {
  id: string;
  name: string;
  parent_id: string | null;
  owner_id: string;
  file_count: number;
  folder_count: number;
  created_at: string;
  updated_at: string;
}

/** One folder, with the folders above it (root first). */
export interface Folder extends FolderSummary {
  path: { id: string; name: string }[];
}

export interface FileVersion {
  id: string;
  version: number;
  size: number;
  sha256: string;
  mime_type: string;
  created_at: string;
}

export interface FileHistoryEntry {
  id: string;
  type: string;
  event: string | null;
  revision: number;
  created_at: string;
  actor_id: string | null;
  data: Record<string, unknown>;
}

export interface StorageStats {
  bytes_used: number;
  current_bytes: number;
  quota_bytes: number | null;
  files: number;
  folders: number;
  versions: number;
  by_mime_type: { mime_type: string; files: number; bytes: number }[];
}

/** What a file or folder row acts on. */
export type Item = { kind: 'file'; item: FileItem } | { kind: 'folder'; item: FolderSummary };
