import type { ReadStore } from '../../ports/readStore';
import type { FileTagView, FileView } from './fileViews';
import { FILE_TAGS, fileTagId } from './fileViews';

/** Far more than the 20 tags a file may have. */
const MAX_TAG_ROWS = 1000;

/**
 * Writes a file's tag rows (copies of its row, one per tag), each once; `next` null removes them all.
 * Rows the file no longer has are found by querying them rather than from the previous row, which a
 * replay (after a partly applied event on a store without transactions) may already show updated.
 */
export async function writeTagRows(tx: ReadStore, fileId: string, next: FileView | null, isNew: boolean): Promise<void> {
  const kept = new Set(next?.tags ?? []);
  const existing = isNew ? [] : await tx.find<FileTagView>(FILE_TAGS, { file_id: fileId }, { limit: MAX_TAG_ROWS });
  for (const row of existing) if (!kept.has(row.tag)) await tx.delete(FILE_TAGS, row._id);
  if (!next) return;
  for (const tag of kept) {
    const row: FileTagView = { ...next, _id: fileTagId(fileId, tag), file_id: fileId, tag };
    await tx.upsert(FILE_TAGS, row);
  }
}
