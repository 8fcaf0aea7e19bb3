import { z } from 'zod';
import { folderAggregate } from '../../commands/aggregates';
import type { FoldedAsOf, HistoryBound } from '../../commands/history/foldAsOf';
import { foldAsOf } from '../../commands/history/foldAsOf';
import type { Actor } from '../../domain/access/accessPolicy';
import type { FolderState } from '../../domain/folder/folderDecider';
import { MAX_PATH_WALK } from '../../domain/folder/folderLimits';
import type { FolderView } from '../../projections/folders/folderViews';
import { asOfFields, presentAsOf } from '../history/asOf';
import type { PastReader } from '../history/asOfAccess';
import { pastReaderOf } from '../history/asOfAccess';
import type { PastServices } from '../history/resourceAsOf';
import { resourceAsOf } from '../history/resourceAsOf';
import { folderResponse, presentFolderSummary } from './folderViews';

/**
 * As of a bound, the child counts are null: they count other streams' events (uploads, moves, deletes
 * in the folder), which the folder's own stream does not hold, and no read model keeps them over time.
 */
export const folderAsOfResponse = folderResponse
  .extend({ file_count: z.int().min(0).nullable(), folder_count: z.int().min(0).nullable(), ...asOfFields })
  .meta({ id: 'FolderAsOf' });

type Path = z.infer<typeof folderResponse>['path'];

/** What a folder's row shows of its state (not its shares): the row's updated_at moves with these only. */
const shownOfFolder = ({ parentId, name }: FolderState) => ({ parentId, name });

/** The row the folders projection would have held at the bound, but for the child counts (see folderAsOfResponse). */
function folderRowOf({ state, first, changedAt }: FoldedAsOf<FolderState>): FolderView {
  if (state.folderId === null || state.ownerId === null) throw new Error('a created folder stream has no id or owner');
  return {
    _id: state.folderId,
    owner_id: state.ownerId,
    parent_id: state.parentId,
    name: state.name,
    name_lower: state.name.toLowerCase(),
    file_count: 0,
    folder_count: 0,
    created_at: first.createdAt.toISOString(),
    updated_at: changedAt.toISOString(),
  };
}

/**
 * The folder's path at the bound, its parents folded as of then too; it stops below the first parent a
 * grantee could not read then (as the live path stops below the first folder they may not see).
 */
async function pathAsOf(
  services: PastServices,
  actor: Actor,
  reader: PastReader,
  folder: { id: string; state: FolderState },
  bound: HistoryBound,
): Promise<Path> {
  const path: Path = [{ id: folder.id, name: folder.state.name }];
  const seen = new Set(path.map((entry) => entry.id));
  for (let parentId = folder.state.parentId; parentId !== null && !seen.has(parentId) && path.length < MAX_PATH_WALK;) {
    const parent = await foldAsOf(services.eventStore, folderAggregate, parentId, bound, shownOfFolder);
    if (!parent?.state.exists) break;
    if (
      reader === 'grantee' &&
      (await pastReaderOf(services, actor, { id: parentId, ownerId: parent.state.ownerId }, bound, parent.last)) === null
    )
      break;
    seen.add(parentId);
    path.unshift({ id: parentId, name: parent.state.name });
    parentId = parent.state.parentId;
  }
  return path;
}

/** The folder as it stood at the bound, if the actor may read it as of then. */
export async function folderAsOf(
  services: PastServices,
  actor: Actor,
  folderId: string,
  bound: HistoryBound,
): Promise<z.infer<typeof folderAsOfResponse>> {
  const { folded, reader } = await resourceAsOf(services, folderAggregate, actor, folderId, bound, shownOfFolder);
  return {
    ...presentFolderSummary(folderRowOf(folded)),
    file_count: null,
    folder_count: null,
    path: await pathAsOf(services, actor, reader, { id: folderId, state: folded.state }, bound),
    deleted: folded.state.deleted,
    deleted_at: folded.state.deletedAt,
    as_of: presentAsOf(folded.last),
  };
}
