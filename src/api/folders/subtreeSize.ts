import type { ReadStore } from '../../ports/readStore';
import { FILES } from '../../projections/files/fileViews';
import { FOLDERS } from '../../projections/folders/folderViews';

/**
 * Files and folders below a folder, counted from the read models; counting stops once it passes `cap`,
 * so the answer is exact up to `cap` and "more than cap" beyond, and the work stays bounded.
 */
export async function subtreeSize(readStore: ReadStore, ownerId: string, folderId: string, cap: number): Promise<number> {
  let total = 0;
  const pending = [folderId];
  for (let current = pending.pop(); current !== undefined && total <= cap; current = pending.pop()) {
    total += await readStore.count(FILES, { owner_id: ownerId, folder_id: current });
    const subfolders = await readStore.find(FOLDERS, { owner_id: ownerId, parent_id: current }, { limit: Math.max(1, cap + 1 - total) });
    total += subfolders.length;
    pending.push(...subfolders.map((folder) => folder._id));
  }
  return total;
}
