import type { Document } from '../../ports/readStore';

export const STORAGE_STATS = 'storage_stats';

export interface MimeTypeUsage {
  mime_type: string;
  /** Live files whose current version has this type, and the bytes of those current versions. */
  files: number;
  bytes: number;
}

/** One row per owner. */
export interface StorageStatsView extends Document {
  /** Bytes of every stored version of every live file: what the quota is measured against. */
  bytes_used: number;
  /** Bytes of the current versions only. */
  current_bytes: number;
  files: number;
  folders: number;
  versions: number;
  /** Sorted by mime type, so rebuilds write identical rows. */
  by_mime_type: MimeTypeUsage[];
  updated_at: string;
}

export const emptyStats = (ownerId: string, at: string): StorageStatsView => ({
  _id: ownerId,
  bytes_used: 0,
  current_bytes: 0,
  files: 0,
  folders: 0,
  versions: 0,
  by_mime_type: [],
  updated_at: at,
});
