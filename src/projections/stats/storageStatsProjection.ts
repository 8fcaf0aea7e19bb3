import { z } from 'zod';
import { fileContentReplaced, fileDeleted, fileUploaded } from '../../domain/file/fileEvents';
import { folderCreated, folderDeleted } from '../../domain/folder/folderEvents';
import { documentProjection } from '../documentProjection';
import type { MimeTypeUsage, StorageStatsView } from './storageStatsView';
import { emptyStats, STORAGE_STATS } from './storageStatsView';

const statsEvent = z.discriminatedUnion('type', [fileUploaded, fileContentReplaced, fileDeleted, folderCreated, folderDeleted]);
type StatsEvent = z.infer<typeof statsEvent>;

type Totals = Partial<Record<'bytes_used' | 'current_bytes' | 'files' | 'folders' | 'versions', number>>;

interface MimeChange {
  mimeType: string;
  files: number;
  bytes: number;
}

/** What an event adds to its owner's totals (negative to subtract); deletions carry what they remove. */
function changesOf(event: StatsEvent): { totals: Totals; mime: MimeChange[] } {
  switch (event.type) {
    case 'FileUploaded': {
      const { size, mimeType } = event.data;
      return { totals: { files: 1, versions: 1, bytes_used: size, current_bytes: size }, mime: [{ mimeType, files: 1, bytes: size }] };
    }
    case 'FileContentReplaced': {
      const { size, mimeType, previousSize, previousMimeType } = event.data;
      return {
        totals: { versions: 1, bytes_used: size, current_bytes: size - previousSize },
        mime: [
          { mimeType: previousMimeType, files: -1, bytes: -previousSize },
          { mimeType, files: 1, bytes: size },
        ],
      };
    }
    case 'FileDeleted': {
      const { size, mimeType, storedBytes, versionCount } = event.data;
      return {
        totals: { files: -1, versions: -versionCount, bytes_used: -storedBytes, current_bytes: -size },
        mime: [{ mimeType, files: -1, bytes: -size }],
      };
    }
    case 'FolderCreated':
      return { totals: { folders: 1 }, mime: [] };
    case 'FolderDeleted':
      return { totals: { folders: -1 }, mime: [] };
  }
}

function applyMime(usage: readonly MimeTypeUsage[], changes: readonly MimeChange[]): MimeTypeUsage[] {
  const byType = new Map(usage.map((entry) => [entry.mime_type, { ...entry }]));
  for (const { mimeType, files, bytes } of changes) {
    const entry = byType.get(mimeType) ?? { mime_type: mimeType, files: 0, bytes: 0 };
    entry.files += files;
    entry.bytes += bytes;
    byType.set(mimeType, entry);
  }
  return [...byType.values()]
    .filter((entry) => entry.files > 0)
    .sort((a, b) => (a.mime_type < b.mime_type ? -1 : a.mime_type > b.mime_type ? 1 : 0));
}

function evolveStats(view: StorageStatsView | null, event: StatsEvent, at: string): StorageStatsView {
  const { totals, mime } = changesOf(event);
  const current = view ?? emptyStats(event.data.ownerId, at);
  const next: StorageStatsView = { ...current, by_mime_type: applyMime(current.by_mime_type, mime), updated_at: at };
  for (const [field, by] of Object.entries(totals) as Array<[keyof Totals, number]>) next[field] += by;
  return next;
}

/** Per-owner storage totals: bytes, file, folder and version counts, and counts and bytes by mime type. */
export const storageStatsProjection = documentProjection<StatsEvent, StorageStatsView>({
  name: 'storage_stats',
  version: 1,
  collection: STORAGE_STATS,
  handles: statsEvent.options.map((option) => option.shape.type.value),

  async setup() {
    // Rows are read by owner id only.
  },
  parse: (event) => statsEvent.parse(event),
  key: (event) => event.data.ownerId,
  evolve: evolveStats,
});
