import type { Actor, Grant, PlacedEntry } from '../../domain/access/accessPolicy';
import { requireAccess, requirePlacement, resourceOf } from '../../domain/access/accessPolicy';
import type { FolderState } from '../../domain/folder/folderDecider';
import { assertRoomForChild, MAX_PATH_WALK } from '../../domain/folder/folderLimits';
import { conflict, notFound } from '../../domain/shared/domainError';
import { folderAggregate } from '../aggregates';
import type { CommandPipeline, LoadedStream } from '../pipeline';

const intoItself = () => conflict('a folder cannot be moved into itself or one of its subfolders', 'parent_id');

export interface Lineage {
  /** The folder and its ancestors, nearest first. */
  ids: string[];
  /** Every folder on the way exists and is not deleted. */
  live: boolean;
  /** The walk came back to a folder it had seen. */
  cycle: boolean;
  /** The grants of those folders, as grants reaching what is inside them. */
  grants: Grant[];
}

/** The parent of a new entry, checked: its lineage, and the owner the new entry gets (the parent's, or the actor at the root). */
export interface CheckedParent extends Lineage {
  ownerId: string;
}

/** A folder being moved: where it may go depends on its owner, and never into itself. */
export interface MovedFolder extends PlacedEntry {
  kind: 'folder';
  id: string;
}

/**
 * The folder tree as the event store has it, not as a read model shows it: parents are checked against
 * the links every folder stream holds right now, so a write never relies on a read model that lags.
 */
export class FolderTree {
  constructor(private readonly pipeline: CommandPipeline) {}

  /**
   * The root, or a folder the actor may put entries into: their own, or one shared with them for writing.
   * An entry `moving` there must also have the folder's owner (what is created there takes that owner instead).
   */
  async requireWritable(actor: Actor, folderId: string | null, moving?: PlacedEntry): Promise<LoadedStream<FolderState> | null> {
    if (folderId === null) return null;
    const folder = await this.pipeline.load(folderAggregate, folderId);
    const inherited = await this.inheritedGrants(actor, folder.state.ownerId, folder.state.parentId);
    const target = resourceOf(folder.state, inherited);
    const now = this.pipeline.currentTime();
    if (moving) requirePlacement(actor, moving, target, now);
    else requireAccess(actor, 'write', target, 'folder', now);
    return folder;
  }

  /** The owner of what is created in `folderId`: the folder's owner, so a grantee's uploads count against the owner's quota and names. */
  async ownerOfEntriesIn(actor: Actor, folderId: string | null): Promise<string> {
    const folder = await this.requireWritable(actor, folderId);
    return folder?.state.ownerId ?? actor.userId;
  }

  /** The grants of `folderId` and the folders above it, which reach everything inside it. */
  async grantsReaching(folderId: string | null): Promise<Grant[]> {
    return folderId === null ? [] : (await this.lineage(folderId)).grants;
  }

  /** What an entry in `folderId` inherits for this actor: nothing for the owner, who needs no grant (and whose walk is saved). */
  inheritedGrants(actor: Actor, ownerId: string | null, folderId: string | null): Promise<Grant[]> {
    return ownerId === actor.userId ? Promise.resolve([]) : this.grantsReaching(folderId);
  }

  /**
   * A folder the actor may put a folder into (`moving`, when it is a move), not inside the moved folder,
   * with room for one more level below it; answers its lineage.
   */
  async requireParent(actor: Actor, parentId: string | null, moving?: MovedFolder): Promise<CheckedParent> {
    const parent = await this.requireWritable(actor, parentId, moving);
    if (parent === null) return { ids: [], live: true, cycle: false, grants: [], ownerId: actor.userId };
    const lineage = await this.lineage(parentId, parent);
    if (!lineage.live || lineage.cycle) throw notFound('folder not found');
    if (moving !== undefined && lineage.ids.includes(moving.id)) throw intoItself();
    // Only the target's depth is checked, not the moved subtree's height: path walks stay bounded by MAX_PATH_WALK.
    assertRoomForChild(lineage.ids.length);
    return { ...lineage, ownerId: parent.state.ownerId! };
  }

  /**
   * After an entry was put into `parentId`: its parent must still be live. A deleter lists a folder's
   * children again after recording its deletion, so an entry that lands later sees the deletion here.
   */
  async verifyParentLive(parentId: string | null): Promise<void> {
    if (parentId === null) return;
    const { exists, state } = await this.pipeline.load(folderAggregate, parentId);
    if (!exists || state.deleted) throw notFound('folder not found');
  }

  /** After a folder moved into `parentId`: the new ancestry is live and does not contain the folder. */
  async verifyMove(folderId: string, parentId: string | null): Promise<void> {
    const after = await this.lineage(parentId);
    if (after.cycle || after.ids.includes(folderId)) throw intoItself();
    if (!after.live) throw notFound('folder not found');
  }

  /** Walks from `folderId` up to the root through each folder's stream (the first one given if already read). */
  async lineage(folderId: string | null, first?: LoadedStream<FolderState>): Promise<Lineage> {
    const ids: string[] = [];
    const grants: Grant[] = [];
    let live = true;
    for (let current = folderId; current !== null;) {
      if (ids.includes(current) || ids.length >= MAX_PATH_WALK) return { ids, live, cycle: true, grants };
      const { exists, state } = ids.length === 0 && first ? first : await this.pipeline.load(folderAggregate, current);
      ids.push(current);
      if (!exists) return { ids, live: false, cycle: false, grants };
      if (state.deleted) live = false;
      for (const grant of state.grants)
        grants.push({ principalId: grant.principalId, permission: grant.permission, expiresAt: grant.expiresAt, via: 'folder' });
      current = state.parentId;
    }
    return { ids, live, cycle: false, grants };
  }
}
