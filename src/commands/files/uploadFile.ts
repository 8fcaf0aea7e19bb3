import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { conflict, DomainError, notFound } from '../../domain/shared/domainError';
import type { StoredBlob } from '../../ports/blobStore';
import type { EventMetadata, Position } from '../../ports/eventStore';
import type { Logger } from '../../ports/logger';
import { fileAggregate } from '../aggregates';
import { bestEffort } from '../bestEffort';
import type { BlobReferences } from '../blobs/blobReferences';
import type { EntryKey, EntryNames } from '../entries/entryNames';
import type { FolderTree } from '../folders/folderTree';
import type { CommandPipeline } from '../pipeline';
import type { DeleteFile } from './deleteFile';
import type { ReplaceFileContent } from './replaceFileContent';

export interface UploadTarget {
  ownerId: string;
  folderId: string | null;
  name: string;
  mimeType: string;
  /** A file already holding the name gets the content as a new version instead of a 409. */
  overwrite: boolean;
}

export interface UploadOutcome {
  fileId: string;
  /** False when the upload became a new version of an existing file. */
  created: boolean;
  position: Position;
}

const keyOf = (target: UploadTarget): EntryKey => ({ ownerId: target.ownerId, parentId: target.folderId, name: target.name });
const isConflict = (error: unknown) => error instanceof DomainError && error.kind === 'conflict';
/** How long an overwrite waits for a name claimed by an upload that has not created its file yet. */
const PENDING_CLAIM_WAIT_MS = 2000;
const POLL_MS = 20;

/**
 * Turns content already streamed into the blob store into a file: claims the name in the folder,
 * references the content, appends FileUploaded. Anything that fails on the way is undone, and content
 * nothing references is collected, so a refused upload leaves no file, no claim and no blob.
 */
export class UploadFile {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly names: EntryNames,
    private readonly folders: FolderTree,
    private readonly blobs: BlobReferences,
    private readonly versions: ReplaceFileContent,
    private readonly deleteFile: DeleteFile,
    private readonly logger: Logger,
  ) {}

  /** Fails fast, before any content is stored: the folder must be the owner's and the name free (or overwritable). */
  async precheck(target: UploadTarget): Promise<void> {
    await this.folders.requireFolder(target.ownerId, target.folderId);
    const holder = await this.names.holderOf(keyOf(target));
    if (holder !== null && !(target.overwrite && (await this.isFile(holder))))
      throw conflict('a file or folder with this name already exists in this folder', 'name');
  }

  async record(target: UploadTarget, blob: StoredBlob, metadata: EventMetadata): Promise<UploadOutcome> {
    try {
      return await this.recordOrThrow(target, blob, metadata);
    } catch (error) {
      await bestEffort(this.logger, 'collect content that was not recorded', () => this.blobs.collect(blob.key, metadata), {
        sha256: blob.key,
      });
      throw error;
    }
  }

  private async recordOrThrow(target: UploadTarget, blob: StoredBlob, metadata: EventMetadata): Promise<UploadOutcome> {
    await this.folders.requireFolder(target.ownerId, target.folderId);
    const fileId = randomUUID();
    const key = keyOf(target);
    const existing = await this.claimOrFindFile(target, fileId, metadata);
    if (existing !== null) {
      const { position } = await this.versions.addVersion(target.ownerId, existing, blob, target.mimeType, metadata);
      return { fileId: existing, created: false, position };
    }
    let position: Position;
    try {
      position = await this.append(fileId, target, blob, metadata);
    } catch (error) {
      await bestEffort(this.logger, 'release the name of a file that was not created', () => this.names.release(key, fileId, metadata));
      throw error;
    }
    await this.undoIfFolderWasDeleted(fileId, target, metadata);
    return { fileId, created: true, position };
  }

  /**
   * Claims the name for `fileId` and answers null, or with `overwrite` answers the file that holds it. A claim whose
   * holder is not live yet is usually a concurrent upload of the same name that has not appended its
   * FileUploaded: wait for it to settle rather than answer an overwrite with a 409.
   */
  private async claimOrFindFile(target: UploadTarget, fileId: string, metadata: EventMetadata): Promise<string | null> {
    const key = keyOf(target);
    const deadline = Date.now() + PENDING_CLAIM_WAIT_MS;
    for (;;) {
      try {
        await this.names.claim(key, fileId, metadata);
        return null;
      } catch (error) {
        if (!target.overwrite || !isConflict(error)) throw error;
        const holder = await this.names.holderOf(key);
        if (holder !== null) {
          if (await this.isFile(holder)) return holder;
          throw error;
        }
        if (Date.now() >= deadline) throw error;
        await sleep(POLL_MS);
      }
    }
  }

  private async append(fileId: string, target: UploadTarget, blob: StoredBlob, metadata: EventMetadata): Promise<Position> {
    const versionId = randomUUID();
    await this.blobs.reference(blob, fileId, versionId, metadata);
    try {
      const { ownerId, folderId, name, mimeType } = target;
      const result = await this.pipeline.execute(
        fileAggregate,
        fileId,
        { type: 'UploadFile', fileId, ownerId, folderId, name, mimeType, versionId, size: blob.size, sha256: blob.key },
        metadata,
      );
      return result.position!;
    } catch (error) {
      await bestEffort(this.logger, 'release a reference that was not used', () =>
        this.blobs.release(blob.key, fileId, versionId, metadata),
      );
      throw error;
    }
  }

  /**
   * A folder deleted between the check and the append would hold a live file. Its deleter removes what
   * it finds after recording the deletion; a file appended after that removes itself here.
   */
  private async undoIfFolderWasDeleted(fileId: string, target: UploadTarget, metadata: EventMetadata): Promise<void> {
    if ((await this.folders.lineage(target.ownerId, target.folderId)).live) return;
    await this.deleteFile.run(target.ownerId, fileId, metadata, { reason: 'folder_deleted' });
    throw notFound('folder not found');
  }

  private async isFile(entryId: string): Promise<boolean> {
    return (await this.pipeline.load(fileAggregate, entryId)).exists;
  }
}
