import type { FileCommands } from '../../commands/fileCommands';
import { fileAggregate } from '../../commands/aggregates';
import type { CommandPipeline } from '../../commands/pipeline';
import type { Actor } from '../../domain/access/accessPolicy';
import type { FileState } from '../../domain/file/fileDecider';
import type { FileMatch } from '../../domain/incoming/incomingCommand';

/** A live file an update or upsert found, as its stream has it now. */
export interface FoundFile {
  id: string;
  state: FileState;
  /** Whose quota new content counts against. */
  ownerId: string;
}

/**
 * Finds the file an update or upsert means, from the write side only: by id from its stream, by name from
 * the entry name claims of the folder (a file created a moment ago is found, whatever the read models show).
 * A file or folder the owner may not write answers 404 or 403 like the REST API (another user's file is 404);
 * no live file with that id or name is null.
 */
export class FileFinder {
  constructor(
    private readonly files: FileCommands,
    private readonly pipeline: CommandPipeline,
  ) {}

  async findWritable(owner: Actor, match: FileMatch): Promise<FoundFile | null> {
    const fileId = await this.candidate(owner, match);
    if (fileId === null) return null;
    const { exists, state } = await this.pipeline.load(fileAggregate, fileId);
    if (!exists || state.deleted) return null;
    return { id: fileId, state, ownerId: await this.files.replaceFileContent.precheck(owner, fileId) };
  }

  private async candidate(owner: Actor, match: FileMatch): Promise<string | null> {
    if (match.by === 'id') return match.id;
    const ownerId = await this.files.folderTree.ownerOfEntriesIn(owner, match.folderId);
    // The holder may be a folder: then no file has the name.
    return this.files.entryNames.holderOf({ ownerId, parentId: match.folderId, name: match.name });
  }
}
