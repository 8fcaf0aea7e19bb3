import type { Document } from '../../ports/readStore';
import type { LinkPermission } from '../../domain/link/linkEvents';

/** The read model of public links, written by the `public_links` projection. */
export const PUBLIC_LINKS = 'public_links';

/** `active_until` of a link without expiry: every ISO time sorts below it. */
export const LINK_NEVER_EXPIRES = '9999-12-31T23:59:59.999Z';

/** One public link, keyed by its id. The token is never stored: it is recomputed from the id. */
export interface PublicLinkRow extends Document {
  owner_id: string;
  resource_kind: 'file' | 'folder';
  resource_id: string;
  permission: LinkPermission;
  expires_at: string | null;
  /** `expires_at`, or LINK_NEVER_EXPIRES: counts and lists filter on `active_until > now`. */
  active_until: string;
  has_password: boolean;
  /** Scrypt hash of the password (never answered); null without one. */
  password_hash: string | null;
  /** Bumped on every password change: access cookies carry it, so an old cookie stops working. */
  password_version: number;
  max_downloads: number | null;
  download_count: number;
  /** `download_count >= max_downloads`: the filter language cannot compare two fields. */
  exhausted: boolean;
  revoked: boolean;
  revoked_at: string | null;
  /** The shared file or folder was deleted: the link is dead. */
  resource_deleted: boolean;
  created_at: string;
  updated_at: string;
}
