import type { Actor } from '../../domain/access/accessPolicy';
import { requireAccess, resourceOf } from '../../domain/access/accessPolicy';
import type { EventMetadata, Position } from '../../ports/eventStore';
import { folderAggregate } from '../aggregates';
import { folderEntryKey, relocated } from '../entries/entryNames';
import type { EntryPlacement } from '../entries/entryPlacement';
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
    private readonly placement: EntryPlacement,
    private readonly folders: FolderTree,
  ) {}

  async run(actor: Actor, folderId: string, changes: FolderChanges, metadata: EventMetadata): Promise<{ position: Position | null }> {
    const loaded = await this.pipeline.load(folderAggregate, folderId);
    const { state } = loaded;
    const inherited = await this.folders.inheritedGrants(actor, state.ownerId, state.parentId);
    const from = folderEntryKey(state);
    const { to, moving } = relocated(from, changes.parentId, changes.name);
    // A rename is a write; a move is the owner's.
    requireAccess(actor, moving ? 'manage' : 'write', resourceOf(state, inherited), 'folder', this.pipeline.currentTime());
    const target = moving
      ? await this.folders.requireParent(actor, to.parentId, { kind: 'folder', id: folderId, ownerId: state.ownerId })
      : null;
    const update = { type: 'UpdateFolder' as const, actor, inherited, ...changes, targetAncestors: target?.ids ?? [] };
    const result = await this.placement.place(
      {
        holderId: folderId,
        from,
        to,
        apply: () =>
          this.pipeline.execute(
            folderAggregate,
            folderId,
            { ...update, expectedPlace: { parentId: from.parentId, name: from.name } },
            metadata,
            {
              loaded,
            },
          ),
        // Back to the parent it had; a concurrent move that formed a cycle with this one checks itself the same way.
        undo: () =>
          this.pipeline.execute(
            folderAggregate,
            folderId,
            { ...update, parentId: from.parentId, name: from.name, targetAncestors: [] },
            metadata,
          ),
        verify: moving ? () => this.folders.verifyMove(folderId, to.parentId) : undefined,
      },
      metadata,
    );
    return { position: result.position };
  }
}
