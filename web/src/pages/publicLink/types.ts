/** GET /public/links/{token}: what a public link shares (PublicLinkMetadata in the API reference). */
export interface PublicLinkEntry {
  type: 'folder' | 'file';
  id: string;
  name: string;
  mime_type?: string;
  size?: number;
  created_at: string;
  updated_at: string;
}

export interface PublicLinkFolder {
  id: string;
  name: string;
  /** From the shared folder down to this one. */
  path: { id: string; name: string }[];
}

export interface PublicLinkMetadata {
  resource_kind: 'file' | 'folder';
  permission: 'view' | 'download';
  expires_at: string | null;
  has_password: boolean;
  max_downloads: number | null;
  download_count: number;
  created_at: string;
  file?: PublicLinkEntry;
  folder?: PublicLinkFolder;
  contents?: { data: PublicLinkEntry[]; page: { next_cursor: string | null } };
}
