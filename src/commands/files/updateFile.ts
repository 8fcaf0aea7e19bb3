import { notFound } from '../../domain/shared/domainError';
import type { EventMetadata, Position } from '../../ports/eventStore';
import type { Logger } from '../../ports/logger';
import { fileAggregate } from '../aggregates';
import { bestEffort } from '../bestEffort';
import type { EntryKey, EntryNames } from '../entries/entryNames';
import { sameEntryKey } from '../entries/entryNames';
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
    private readonly names: EntryNames,
    private readonly folders: FolderTree,
    private readonly logger: Logger,
  ) {}

  async run(actorId: string, fileId: string, changes: FileChanges, metadata: EventMetadata): Promise<{ position: Position | null }> {
    const { exists, state } = await this.pipeline.load(fileAggregate, fileId);
    if (!exists || state.deleted || state.ownerId !== actorId) throw notFound('file not found');
    const from: EntryKey = { ownerId: actorId, parentId: state.folderId, name: state.name };
    const to: EntryKey = {
      ownerId: actorId,
      parentId: changes.folderId === undefined ? state.folderId : changes.folderId,
      name: changes.name ?? state.name,
    };
    const moving = to.parentId !== from.parentId;
    if (moving) await this.folders.requireFolder(actorId, to.parentId);
    const rekeyed = !sameEntryKey(from, to);
    if (rekeyed) await this.names.claim(to, fileId, metadata);
    let position: Position | null;
    try {
      const expectedPlace =
        changes.name !== undefined || changes.folderId !== undefined ? { folderId: from.parentId, name: from.name } : undefined;
      ({ position } = await this.pipeline.execute(
        fileAggregate,
        fileId,
        { type: 'UpdateFile', actorId, ...changes, expectedPlace },
        metadata,
      ));
    } catch (error) {
      if (rekeyed) await bestEffort(this.logger, 'release a name that was not used', () => this.names.release(to, fileId, metadata));
      throw error;
    }
    if (moving && !(await this.folders.lineage(actorId, to.parentId)).live) {
      // The target folder was deleted meanwhile: go back rather than live on in a deleted folder.
      await this.pipeline.execute(
        fileAggregate,
        fileId,
        { type: 'UpdateFile', actorId, folderId: from.parentId, name: from.name },
        metadata,
      );
      if (rekeyed) await bestEffort(this.logger, 'release a name that was given up', () => this.names.release(to, fileId, metadata));
      throw notFound('folder not found');
    }
    if (rekeyed) await bestEffort(this.logger, 'release the previous name of a file', () => this.names.release(from, fileId, metadata));
    return { position };
  }
}
