import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/access/accessPolicy';
import { ALL_SCOPES } from '../../domain/access/scopes';
import type { EventMetadata, Position } from '../../ports/eventStore';
import { folderAggregate } from '../aggregates';
import type { EntryPlacement } from '../entries/entryPlacement';
import type { CommandPipeline } from '../pipeline';
import type { FolderTree } from './folderTree';

export interface CreatedFolder {
  folderId: string;
  position: Position;
}

export interface NewFolder {
  name: string;
  parentId: string | null;
}

/**
 * Claims the name among its siblings, then creates the folder; undone if the parent was deleted meanwhile.
 * A folder created inside a folder shared for writing belongs to that folder's owner; the grantee stays the actor.
 */
export class CreateFolder {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly placement: EntryPlacement,
    private readonly folders: FolderTree,
  ) {}

  async run(actor: Actor, { name, parentId }: NewFolder, metadata: EventMetadata): Promise<CreatedFolder> {
    const { ownerId } = await this.folders.requireParent(actor, parentId);
    const folderId = randomUUID();
    const create = { type: 'CreateFolder' as const, folderId, ownerId, parentId, name };
    const owner: Actor = { userId: ownerId, scopes: ALL_SCOPES };
    const result = await this.placement.place(
      {
        holderId: folderId,
        from: null,
        to: { ownerId, parentId, name },
        apply: () => this.pipeline.create(folderAggregate, folderId, create, metadata),
        undo: () =>
          this.pipeline.execute(folderAggregate, folderId, { type: 'DeleteFolder', actor: owner, reason: 'parent_deleted' }, metadata),
        verify: () => this.folders.verifyParentLive(parentId),
      },
      metadata,
    );
    return { folderId, position: result.position! };
  }
}
