import type { Actor } from '../../domain/access/accessPolicy';
import { requireAccess, resourceOf } from '../../domain/access/accessPolicy';
import type { EventMetadata, Position } from '../../ports/eventStore';
import { fileAggregate } from '../aggregates';
import { fileEntryKey, relocated } from '../entries/entryNames';
import type { EntryPlacement } from '../entries/entryPlacement';
import type { FolderTree } from '../folders/folderTree';
import type { CommandPipeline } from '../pipeline';

export interface FileChanges {
  name?: string;
  /** null moves the file to the root. */
  folderId?: string | null;
  description?: string | null;
  tags?: readonly string[];
}

/** Renames, moves, or changes the description and tags; a new name or folder is claimed before it is used and the old one released after. */
export class UpdateFile {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly placement: EntryPlacement,
    private readonly folders: FolderTree,
  ) {}

  async run(actor: Actor, fileId: string, changes: FileChanges, metadata: EventMetadata): Promise<{ position: Position | null }> {
    const loaded = await this.pipeline.load(fileAggregate, fileId);
    const { state } = loaded;
    const inherited = await this.folders.inheritedGrants(actor, state.ownerId, state.folderId);
    const from = fileEntryKey(state);
    const { to, moving } = relocated(from, changes.folderId, changes.name);
    // A rename or metadata change is a write; a move is the owner's.
    requireAccess(actor, moving ? 'manage' : 'write', resourceOf(state, inherited), 'file', this.pipeline.currentTime());
    if (moving) await this.folders.requireWritable(actor, to.parentId, { kind: 'file', ownerId: state.ownerId });
    const expectedPlace =
      changes.name !== undefined || changes.folderId !== undefined ? { folderId: from.parentId, name: from.name } : undefined;
    const result = await this.placement.place(
      {
        holderId: fileId,
        from,
        to,
        apply: () =>
          this.pipeline.execute(fileAggregate, fileId, { type: 'UpdateFile', actor, inherited, ...changes, expectedPlace }, metadata, {
            loaded,
          }),
        // Back where it was rather than live on in a folder deleted meanwhile.
        undo: () =>
          this.pipeline.execute(
            fileAggregate,
            fileId,
            { type: 'UpdateFile', actor, inherited, folderId: from.parentId, name: from.name },
            metadata,
          ),
        verify: moving ? () => this.folders.verifyParentLive(to.parentId) : undefined,
      },
      metadata,
    );
    return { position: result.position };
  }
}
