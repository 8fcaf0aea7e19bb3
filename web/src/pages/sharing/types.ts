/** The sharing API's answers, as the API spells them (the OpenAPI schemas of the same names). */

/** Every permission a share can carry; `read`/`download` and `write`/`edit` are the same rights under two names. */
export type SharePermission = 'view' | 'read' | 'download' | 'write' | 'edit';

export interface PublicUser {
  id: string;
  username: string;
  display_name: string;
}

/** One user a file or folder is shared with, directly or through a folder above it. */
export interface ResourceShare {
  share_id: string;
  user_id: string;
  username: string;
  name: string;
  email: string;
  permission: SharePermission;
  shared_at: string;
  expires_at: string | null;
  via: 'direct' | 'folder';
  folder_id?: string;
}

/** GET /files/{id}/shares and GET /folders/{id}/shares. */
export interface ResourceShares {
  shares: ResourceShare[];
  total_shares: number;
}

/** What became of one resource × user pair of a share request. */
export interface ShareResultItem {
  username: string | null;
  email?: string;
  grantee_user_id: string | null;
  permission: SharePermission;
  reason?: string;
}

export interface ShareResults {
  message: string;
  results: { created: ShareResultItem[]; updated: ShareResultItem[]; failed: ShareResultItem[]; skipped: ShareResultItem[] };
  summary: { created: number; updated: number; failed: number; skipped: number };
}

/** The 202 of a write stored but not yet visible in the read models. */
export interface Accepted {
  status: 'accepted';
  position: string;
  message: string;
}

export interface SharedParty {
  user_id: string;
  username: string;
  name: string;
}

/** One row of GET /shared (view=received or sent). */
export interface SharedItem {
  share_id: string;
  resource_kind: 'file' | 'folder';
  file_id: string | null;
  folder_id?: string;
  filename: string;
  size_bytes: number | null;
  content_type: string | null;
  permission: SharePermission;
  shared_at: string;
  expires_at: string | null;
  shared_by: SharedParty;
  shared_with: SharedParty;
}

export interface ShareStats {
  stats: {
    files_you_shared: number;
    files_shared_with_you: number;
    users_who_shared_with_you: number;
    users_you_shared_with: number;
    public_links: number;
    active_public_links: number;
  };
}

export type LinkPermission = 'view' | 'download';
export type LinkStatus = 'active' | 'expired' | 'exhausted' | 'revoked' | 'resource_deleted';

export interface PublicLink {
  id: string;
  url: string;
  token: string;
  resource_kind: 'file' | 'folder';
  resource_id: string;
  permission: LinkPermission;
  status: LinkStatus;
  expires_at: string | null;
  has_password: boolean;
  max_downloads: number | null;
  download_count: number;
  created_at: string;
  updated_at: string;
  revoked_at: string | null;
}

/** The two lists of GET /shared: what others shared with you, and what you shared. */
export type SharedView = 'received' | 'sent';
