import type { Actor, Grant } from '../../domain/access/accessPolicy';
import type { FileCommand } from '../../domain/file/fileDecider';
import type { FolderCommand } from '../../domain/folder/folderDecider';
import type { Grantee } from '../../domain/share/shareDecisions';
import type { EventMetadata, Position } from '../../ports/eventStore';
import { fileAggregate, folderAggregate } from '../aggregates';
import type { FolderTree } from '../folders/folderTree';
import type { CommandPipeline } from '../pipeline';

/** What can be shared with users. */
export type SharedKind = 'file' | 'folder';

/** A share command of either kind; `ShareResource` becomes ShareFile or ShareFolder. */
export type SharingCommand =
  | { type: 'ShareResource'; actor: Actor; grantees: readonly Grantee[] }
  | { type: 'RevokeShare'; actor: Actor; principalId: string }
  | { type: 'ExpireShare'; principalId: string; expiresAt: string };

/** A share event as the share commands read it back: who it is about, and whether it gave a new grant or changed one. */
export interface GrantEvent {
  change: 'created' | 'updated' | 'revoked' | 'expired';
  principalId: string;
}

export interface SharingResult {
  events: GrantEvent[];
  /** The resource's name and owner after the command (no owner: it never existed, which only ExpireShare answers without refusing). */
  name: string;
  ownerId: string | null;
  position: Position | null;
}

const CHANGE_OF_TYPE: Record<string, GrantEvent['change']> = {
  FileShared: 'created',
  FolderShared: 'created',
  SharePermissionChanged: 'updated',
  FolderSharePermissionChanged: 'updated',
  ShareRevoked: 'revoked',
  FolderShareRevoked: 'revoked',
  ShareExpired: 'expired',
  FolderShareExpired: 'expired',
};

const grantEvents = (events: ReadonlyArray<{ type: string; data: object }>): GrantEvent[] =>
  events.flatMap(({ type, data }) => {
    const change = CHANGE_OF_TYPE[type];
    return change ? [{ change, principalId: (data as { principalId: string }).principalId }] : [];
  });

/**
 * Runs share commands on a file's or a folder's stream. For an actor who is not the owner, the grants
 * reaching the resource from the folders above go with the command, so a grantee is told 403 (they see
 * it but may not share it) where a stranger is told 404.
 */
export class SharedStreams {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly folders: FolderTree,
  ) {}

  async execute(kind: SharedKind, id: string, command: SharingCommand, metadata: EventMetadata): Promise<SharingResult> {
    const inheritedFor = (ownerId: string | null, parentId: string | null): Promise<Grant[]> =>
      'actor' in command ? this.folders.inheritedGrants(command.actor, ownerId, parentId) : Promise.resolve([]);
    const result =
      kind === 'file'
        ? await this.pipeline.execute(
            fileAggregate,
            id,
            async ({ state }) => this.fileCommand(command, await inheritedFor(state.ownerId, state.folderId)),
            metadata,
          )
        : await this.pipeline.execute(
            folderAggregate,
            id,
            async ({ state }) => this.folderCommand(command, await inheritedFor(state.ownerId, state.parentId)),
            metadata,
          );
    const { events, state, position } = result;
    return { events: grantEvents(events), name: state.name, ownerId: state.ownerId, position };
  }

  private fileCommand(command: SharingCommand, inherited: Grant[]): FileCommand {
    if (command.type === 'ShareResource') return { ...command, type: 'ShareFile', inherited };
    return command.type === 'RevokeShare' ? { ...command, inherited } : command;
  }

  private folderCommand(command: SharingCommand, inherited: Grant[]): FolderCommand {
    if (command.type === 'ShareResource') return { ...command, type: 'ShareFolder', inherited };
    return command.type === 'RevokeShare' ? { ...command, inherited } : command;
  }
}
