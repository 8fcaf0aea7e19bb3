import type { GrantPermission } from '../../domain/access/accessPolicy';
import type { Position } from '../../ports/eventStore';
import type { Document } from '../../ports/readStore';

/**
 * The read models of who may see what besides the owner, written by the `access` projection in one
 * transaction. Every row of `share_grants`, `access` and `access_history` is keyed `<resourceId>:<principalId>`.
 */
export const SHARE_GRANTS = 'share_grants';
export const ACCESS = 'access';
export const ACCESS_HISTORY = 'access_history';

export type SharedResourceKind = 'file' | 'folder';

/** `active_until` of a grant without expiry: every ISO time sorts below it. */
export const NEVER_EXPIRES = '9999-12-31T23:59:59.999Z';

export const accessKeyOf = (resourceId: string, principalId: string): string => `${resourceId}:${principalId}`;

/** What a list of shared things shows of the resource, copied from its events. */
export interface SharedResourceListing {
  name: string;
  /** Sort key for lists by name, whatever the letter case. */
  name_lower: string;
  /** Null for folders. */
  size_bytes: number | null;
  content_type: string | null;
  /** The folder the file is in, or the folder's parent; null at the owner's root. */
  parent_id: string | null;
  resource_created_at: string;
  /** The last rename, move, new content or metadata change (the files list's `updated_at`). */
  resource_updated_at: string;
}

/** One direct share of a file or a folder with one user. */
export interface ShareGrantRow extends Document, SharedResourceListing {
  share_id: string;
  resource_kind: SharedResourceKind;
  resource_id: string;
  owner_id: string;
  principal_id: string;
  permission: GrantPermission;
  expires_at: string | null;
  /** `expires_at`, or NEVER_EXPIRES: lists filter on `active_until > now`. */
  active_until: string;
  shared_at: string;
}

/** Why a principal reaches a resource: a share of the resource itself, or of a folder above it. */
export interface AccessSource {
  via: 'direct' | 'folder';
  /** The shared resource: the resource itself for `direct`, the shared ancestor folder for `folder`. */
  from: string;
  permission: GrantPermission;
  expires_at: string | null;
}

/** Everything one non-owner reaches one file or folder through; absent when nothing does. */
export interface AccessRow extends Document, SharedResourceListing {
  resource_kind: SharedResourceKind;
  resource_id: string;
  owner_id: string;
  principal_id: string;
  sources: AccessSource[];
  /** The latest `active_until` of the sources. */
  active_until: string;
}

/**
 * When a principal could see a resource, in log positions: `from` is the share, the move in, or the
 * creation under a shared folder; `to` the revoke, expiry, move out or delete (null while it lasts).
 * An event at position p on the resource reaches the principal when `from <= p <= to` and, if
 * `expires_at` is set, the event happened before it.
 */
export interface AccessInterval {
  from: Position;
  to: Position | null;
  expires_at: string | null;
}

export interface AccessHistoryRow extends Document {
  resource_kind: SharedResourceKind;
  resource_id: string;
  principal_id: string;
  intervals: AccessInterval[];
}
