import { conflict, DomainError, notFound } from '../../domain/shared/domainError';
import type { EventMetadata, Position } from '../../ports/eventStore';
import type { Logger } from '../../ports/logger';
import { folderAggregate } from '../aggregates';
import { bestEffort } from '../bestEffort';
import type { EntryNames } from '../entries/entryNames';
import type { DeleteFile } from '../files/deleteFile';
import type { CommandPipeline } from '../pipeline';

/** The entries directly inside a folder, as of every event appended so far (the caller waits for its read models). */
export interface FolderContents {
  children(ownerId: string, folderId: string): Promise<{ folders: string[]; files: string[] }>;
}

export interface DeletedFolder {
  deletedAt: string;
  position: Position;
  deletedFiles: number;
  deletedFolders: number;
}

interface Tally {
  files: number;
  folders: number;
  position: Position | null;
}

/**
 * Deletes a folder; with `recursive`, its subtree too, children first, each as its own FileDeleted or
 * FolderDeleted event. Without it, a folder that has children is refused with a 409.
 *
 * An entry created in (or moved into) the folder while it is being deleted is handled from both sides:
 * after recording its own deletion the folder lists its children again and deletes what it finds, and a
 * create or move that lands after the deletion undoes itself (see UploadFile, CreateFolder, UpdateFolder).
 */
export class DeleteFolder {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly names: EntryNames,
    private readonly deleteFile: DeleteFile,
    private readonly logger: Logger,
  ) {}

  async run(
    actorId: string,
    folderId: string,
    recursive: boolean,
    contents: FolderContents,
    metadata: EventMetadata,
  ): Promise<DeletedFolder> {
    const { exists, state } = await this.pipeline.load(folderAggregate, folderId);
    if (!exists || state.deleted || state.ownerId !== actorId) throw notFound('folder not found');
    const children = await contents.children(actorId, folderId);
    if (!recursive && children.files.length + children.folders.length > 0) {
      throw conflict('the folder is not empty; delete it with recursive=true', 'recursive');
    }
    const tally: Tally = { files: 0, folders: 0, position: null };
    const deletedAt = await this.deleteTree(actorId, folderId, undefined, children, contents, tally, metadata);
    if (deletedAt === null || tally.position === null) throw notFound('folder not found');
    return { deletedAt, position: tally.position, deletedFiles: tally.files, deletedFolders: tally.folders - 1 };
  }

  /** Deletes the children, then the folder (if it is still under `parentId`), then whatever arrived meanwhile. */
  private async deleteTree(
    actorId: string,
    folderId: string,
    parentId: string | null | undefined,
    children: { folders: string[]; files: string[] },
    contents: FolderContents,
    tally: Tally,
    metadata: EventMetadata,
  ): Promise<string | null> {
    await this.deleteChildren(actorId, folderId, children, contents, tally, metadata);
    const reason = parentId === undefined ? 'deleted' : 'parent_deleted';
    const result = await this.pipeline.execute(
      folderAggregate,
      folderId,
      { type: 'DeleteFolder', actorId, reason, onlyIfParent: parentId },
      metadata,
    );
    const deleted = result.events.find((event) => event.type === 'FolderDeleted');
    if (!deleted) return null;
    tally.folders++;
    tally.position = result.position;
    const { name, parentId: parent } = result.state;
    await bestEffort(
      this.logger,
      'release the name of a deleted folder',
      () => this.names.release({ ownerId: actorId, parentId: parent, name }, folderId, metadata),
      { folderId },
    );
    await this.deleteChildren(actorId, folderId, await contents.children(actorId, folderId), contents, tally, metadata);
    return deleted.data.deletedAt;
  }

  private async deleteChildren(
    actorId: string,
    folderId: string,
    children: { folders: string[]; files: string[] },
    contents: FolderContents,
    tally: Tally,
    metadata: EventMetadata,
  ): Promise<void> {
    for (const childId of children.folders) {
      const child = await this.pipeline.load(folderAggregate, childId);
      // Listed from a read model: skip a child that has gone or moved elsewhere since.
      if (!child.exists || child.state.deleted || child.state.parentId !== folderId) continue;
      await this.deleteTree(actorId, childId, folderId, await contents.children(actorId, childId), contents, tally, metadata);
    }
    for (const fileId of children.files) {
      const deleted = await this.deleteFile
        .run(actorId, fileId, metadata, { reason: 'folder_deleted', onlyInFolder: folderId })
        .catch((error: unknown) => {
          if (error instanceof DomainError && error.kind === 'not_found') return null;
          throw error;
        });
      if (deleted) {
        tally.files++;
        tally.position = deleted.position;
      }
    }
  }
}
