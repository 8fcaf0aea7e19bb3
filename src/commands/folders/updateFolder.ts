import { conflict, notFound } from '../../domain/shared/domainError';
import type { EventMetadata, Position } from '../../ports/eventStore';
import type { Logger } from '../../ports/logger';
import { assertRoomForChild } from '../../domain/folder/folderLimits';
import { folderAggregate } from '../aggregates';
import { bestEffort } from '../bestEffort';
import type { EntryKey, EntryNames } from '../entries/entryNames';
import { sameEntryKey } from '../entries/entryNames';
import type { CommandPipeline } from '../pipeline';
import type { FolderTree } from './folderTree';

export interface FolderChanges {
  name?: string;
  /** null moves the folder to the root. */
  parentId?: string | null;
}

/**
 * Renames or moves a folder. A move must not put a folder inside its own subtree. The target's ancestors
 * are read from the event store before deciding; two concurrent moves can still each pass that check and
 * together form a cycle (A into B while B goes into A), so after appending, the move walks its new
 * ancestry again: the later of two such moves always sees the cycle and undoes itself with a 409.
 */
export class UpdateFolder {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly names: EntryNames,
    private readonly folders: FolderTree,
    private readonly logger: Logger,
  ) {}

  async run(actorId: string, folderId: string, changes: FolderChanges, metadata: EventMetadata): Promise<{ position: Position | null }> {
    const { exists, state } = await this.pipeline.load(folderAggregate, folderId);
    if (!exists || state.deleted || state.ownerId !== actorId) throw notFound('folder not found');
    const from: EntryKey = { ownerId: actorId, parentId: state.parentId, name: state.name };
    const to: EntryKey = {
      ownerId: actorId,
      parentId: changes.parentId === undefined ? state.parentId : changes.parentId,
      name: changes.name ?? state.name,
    };
    const moving = to.parentId !== from.parentId;
    const target = moving ? await this.folders.lineage(actorId, to.parentId) : null;
    if (target && !target.live) throw notFound('folder not found');
    // The decider refuses this too; checking first spares claiming a name for a move that cannot happen.
    if (target?.ids.includes(folderId)) throw conflict('a folder cannot be moved into itself or one of its subfolders', 'parent_id');
    // Only the target's depth is checked, not the moved subtree's height: path walks stay bounded by FolderTree's MAX_DEPTH.
    if (target) assertRoomForChild(target.ids.length);
    const rekeyed = !sameEntryKey(from, to);
    if (rekeyed) await this.names.claim(to, folderId, metadata);
    let position: Position | null;
    try {
      const expectedPlace = { parentId: from.parentId, name: from.name };
      ({ position } = await this.pipeline.execute(
        folderAggregate,
        folderId,
        { type: 'UpdateFolder', actorId, ...changes, targetAncestors: target?.ids ?? [], expectedPlace },
        metadata,
      ));
    } catch (error) {
      if (rekeyed) await bestEffort(this.logger, 'release a name that was not used', () => this.names.release(to, folderId, metadata));
      throw error;
    }
    if (moving) await this.undoIfInvalid(actorId, folderId, from, to, rekeyed, metadata);
    if (rekeyed) await bestEffort(this.logger, 'release the previous name of a folder', () => this.names.release(from, folderId, metadata));
    return { position };
  }

  private async undoIfInvalid(
    actorId: string,
    folderId: string,
    from: EntryKey,
    to: EntryKey,
    rekeyed: boolean,
    metadata: EventMetadata,
  ): Promise<void> {
    const after = await this.folders.lineage(actorId, to.parentId);
    const cycle = after.cycle || after.ids.includes(folderId);
    if (!cycle && after.live) return;
    // Back to the parent it had; a concurrent move that formed the cycle with this one checks itself the same way.
    await this.pipeline.execute(
      folderAggregate,
      folderId,
      { type: 'UpdateFolder', actorId, parentId: from.parentId, name: from.name, targetAncestors: [] },
      metadata,
    );
    if (rekeyed) await bestEffort(this.logger, 'release a name that was given up', () => this.names.release(to, folderId, metadata));
    throw cycle ? conflict('a folder cannot be moved into itself or one of its subfolders', 'parent_id') : notFound('folder not found');
  }
}
