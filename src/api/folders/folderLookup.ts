import { notFound } from '../../domain/shared/domainError';
import type { ReadStore } from '../../ports/readStore';
import type { FolderView } from '../../projections/folders/folderViews';
import { FOLDERS } from '../../projections/folders/folderViews';

/** Deeper than any real tree: a walk that goes further is looking at a cycle a concurrent move has not undone yet. */
const MAX_DEPTH = 1000;

/** A live folder of the caller's from the read model; anything else, including another user's folder, is not found. */
export async function requireOwnFolder(readStore: ReadStore, userId: string, folderId: string): Promise<FolderView> {
  const view = await readStore.get<FolderView>(FOLDERS, folderId);
  if (!view || view.owner_id !== userId) throw notFound('folder not found');
  return view;
}

/** The folder's path from the top, itself included, walked up its parents in the read model. */
export async function folderPath(readStore: ReadStore, folder: FolderView): Promise<Array<{ id: string; name: string }>> {
  const path = [{ id: folder._id, name: folder.name }];
  const seen = new Set([folder._id]);
  for (let parentId = folder.parent_id; parentId !== null && !seen.has(parentId) && path.length < MAX_DEPTH;) {
    const parent = await readStore.get<FolderView>(FOLDERS, parentId);
    if (!parent) break;
    seen.add(parentId);
    path.unshift({ id: parent._id, name: parent.name });
    parentId = parent.parent_id;
  }
  return path;
}
