import { assertRoomForChild } from '../../domain/folder/folderLimits';
import { notFound } from '../../domain/shared/domainError';
import { folderAggregate } from '../aggregates';
import type { CommandPipeline } from '../pipeline';

/** Far deeper than any real tree; a walk that goes further has met a cycle or corrupt data. */
const MAX_DEPTH = 1000;

export interface Lineage {
  /** The folder and its ancestors, nearest first. */
  ids: string[];
  /** Every folder on the way exists, is not deleted and belongs to the owner. */
  live: boolean;
  /** The walk came back to a folder it had seen. */
  cycle: boolean;
}

/**
 * The folder tree as the event store has it, not as a read model shows it: moves are checked against the
 * parent links every folder stream holds right now, so a move never relies on a read model that lags.
 */
export class FolderTree {
  constructor(private readonly pipeline: CommandPipeline) {}

  /** Passes for the root and for the owner's live folders; anything else is not found (also to other users). */
  async requireFolder(ownerId: string, folderId: string | null): Promise<void> {
    if (folderId === null) return;
    const { exists, state } = await this.pipeline.load(folderAggregate, folderId);
    if (!exists || state.deleted || state.ownerId !== ownerId) throw notFound('folder not found');
  }

  /** The parent must be the root or a live folder of the owner, with room for one more level below it. */
  async requireParent(ownerId: string, parentId: string | null): Promise<Lineage> {
    const lineage = await this.lineage(ownerId, parentId);
    if (!lineage.live || lineage.cycle) throw notFound('folder not found');
    assertRoomForChild(lineage.ids.length);
    return lineage;
  }

  /** Walks from `folderId` up to the root through each folder's stream. */
  async lineage(ownerId: string, folderId: string | null): Promise<Lineage> {
    const ids: string[] = [];
    let live = true;
    for (let current = folderId; current !== null;) {
      if (ids.includes(current) || ids.length >= MAX_DEPTH) return { ids, live, cycle: true };
      ids.push(current);
      const { exists, state } = await this.pipeline.load(folderAggregate, current);
      if (!exists || state.ownerId !== ownerId) return { ids, live: false, cycle: false };
      if (state.deleted) live = false;
      current = state.parentId;
    }
    return { ids, live, cycle: false };
  }
}
