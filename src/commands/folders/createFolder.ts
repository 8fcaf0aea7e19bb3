import { randomUUID } from 'node:crypto';
import { notFound } from '../../domain/shared/domainError';
import type { EventMetadata, Position } from '../../ports/eventStore';
import type { Logger } from '../../ports/logger';
import { folderAggregate } from '../aggregates';
import { bestEffort } from '../bestEffort';
import type { EntryNames } from '../entries/entryNames';
import type { CommandPipeline } from '../pipeline';
import type { FolderTree } from './folderTree';

export interface CreatedFolder {
  folderId: string;
  position: Position;
}

/** Claims the name among its siblings, then creates the folder; the claim is released if creation fails. */
export class CreateFolder {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly names: EntryNames,
    private readonly folders: FolderTree,
    private readonly logger: Logger,
  ) {}

  async run(ownerId: string, input: { name: string; parentId: string | null }, metadata: EventMetadata): Promise<CreatedFolder> {
    const { name, parentId } = input;
    await this.folders.requireParent(ownerId, parentId);
    const folderId = randomUUID();
    const key = { ownerId, parentId, name };
    await this.names.claim(key, folderId, metadata);
    let position: Position;
    try {
      ({ position } = (await this.pipeline.execute(
        folderAggregate,
        folderId,
        { type: 'CreateFolder', folderId, ownerId, parentId, name },
        metadata,
      )) as { position: Position });
    } catch (error) {
      await bestEffort(this.logger, 'release the name of a folder that was not created', () => this.names.release(key, folderId, metadata));
      throw error;
    }
    // A parent deleted between the check and the append: its deleter may have missed this folder (see UploadFile).
    if (!(await this.folders.lineage(ownerId, parentId)).live) {
      await this.pipeline.execute(
        folderAggregate,
        folderId,
        { type: 'DeleteFolder', actorId: ownerId, reason: 'parent_deleted' },
        metadata,
      );
      await bestEffort(this.logger, 'release the name of a folder that was undone', () => this.names.release(key, folderId, metadata));
      throw notFound('folder not found');
    }
    return { folderId, position };
  }
}
