import type { AccessAction, Actor } from '../../domain/access/accessPolicy';
import { MAX_PATH_WALK } from '../../domain/folder/folderLimits';
import type { Document, Filter, ReadStore } from '../../ports/readStore';
import { canSee, findAccessible } from '../accessibleDocuments';
import { FILES } from '../files/fileViews';
import type { FolderView } from './folderViews';
import { FOLDERS } from './folderViews';

const PAGE = 1000;

/** The folder's row, if the actor may perform `action` on it; not found or forbidden otherwise. */
export const findAccessibleFolder = (readStore: ReadStore, actor: Actor, folderId: string, action: AccessAction = 'see') =>
  findAccessible<FolderView>(readStore, FOLDERS, 'folder', actor, folderId, action);

/**
 * The folder's path from the top, itself included, walked up its parents; with `actor`, it stops below
 * the first folder they may not see (a folder shared with them shows no more of its owner's tree).
 */
export async function folderPath(readStore: ReadStore, folder: FolderView, actor?: Actor): Promise<Array<{ id: string; name: string }>> {
  const path = [{ id: folder._id, name: folder.name }];
  const seen = new Set([folder._id]);
  for (let parentId = folder.parent_id; parentId !== null && !seen.has(parentId) && path.length < MAX_PATH_WALK;) {
    const parent = await readStore.get<FolderView>(FOLDERS, parentId);
    if (!parent || (actor && !(await canSee(readStore, actor, parent)))) break;
    seen.add(parentId);
    path.unshift({ id: parent._id, name: parent.name });
    parentId = parent.parent_id;
  }
  return path;
}

async function allIds(readStore: ReadStore, collection: string, filter: Filter): Promise<string[]> {
  const found: string[] = [];
  let after: Document | undefined;
  for (;;) {
    const page = await readStore.find(collection, filter, { sort: [['_id', 1]], limit: PAGE, after });
    found.push(...page.map((doc) => doc._id));
    if (page.length < PAGE) return found;
    after = page[page.length - 1];
  }
}

/** The ids of the files and folders directly inside a folder. */
export async function folderChildren(
  readStore: ReadStore,
  ownerId: string,
  folderId: string,
): Promise<{ folders: string[]; files: string[] }> {
  return {
    folders: await allIds(readStore, FOLDERS, { owner_id: ownerId, parent_id: folderId }),
    files: await allIds(readStore, FILES, { owner_id: ownerId, folder_id: folderId }),
  };
}

/**
 * Files and folders below a folder; counting stops once it passes `cap`, so the answer is exact up to
 * `cap` and "more than cap" beyond, and the work stays bounded.
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
