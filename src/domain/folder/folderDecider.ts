import type { Actor, Grant } from '../access/accessPolicy';
import type { EntryCommandKind } from '../access/entryAccess';
import { requireEntryAccess } from '../access/entryAccess';
import type { Grantee, ShareCommand, ShareGrant } from '../share/shareDecisions';
import { decideExpire, decideRevoke, decideShare, evolveGrants, shareEventMapping } from '../share/shareDecisions';
import type { Decider } from '../shared/decider';
import { conflict, DomainError } from '../shared/domainError';
import type { FolderEvent } from './folderEvents';

export interface FolderState {
  exists: boolean;
  deleted: boolean;
  /** When it was deleted (the FolderDeleted event's time), null while it lives. */
  deletedAt: string | null;
  folderId: string | null;
  ownerId: string | null;
  parentId: string | null;
  name: string;
  /** Shares of this folder itself, one per grantee, expired ones included until their FolderShareExpired. */
  grants: readonly ShareGrant[];
}

/**
 * Commands carry facts the handler gathered outside the domain: `targetAncestors` lists the new parent
 * and its ancestors up to the root, read from the event store just before deciding; `inherited` the
 * grants of the folders above (only for an actor who is not the owner).
 */
export type FolderCommand =
  | { type: 'CreateFolder'; folderId: string; ownerId: string; parentId: string | null; name: string }
  | {
      type: 'UpdateFolder';
      actor: Actor;
      inherited?: readonly Grant[];
      name?: string;
      parentId?: string | null;
      targetAncestors: readonly string[];
      /** Where the handler saw the folder when it claimed the new name: a move or rename meanwhile refuses the update. */
      expectedPlace?: { parentId: string | null; name: string };
    }
  | { type: 'DeleteFolder'; actor: Actor; inherited?: readonly Grant[]; reason: 'deleted' | 'parent_deleted'; onlyIfParent?: string | null }
  | { type: 'ShareFolder'; actor: Actor; inherited?: readonly Grant[]; grantees: readonly Grantee[] }
  | ShareCommand;

const initialState: FolderState = {
  exists: false,
  deleted: false,
  deletedAt: null,
  folderId: null,
  ownerId: null,
  parentId: null,
  name: '',
  grants: [],
};

const shareEvents = shareEventMapping<FolderEvent>(
  { shared: 'FolderShared', changed: 'FolderSharePermissionChanged', revoked: 'FolderShareRevoked', expired: 'FolderShareExpired' },
  'folderId',
);

function evolve(state: FolderState, event: FolderEvent): FolderState {
  switch (event.type) {
    case 'FolderCreated': {
      const { folderId, ownerId, parentId, name } = event.data;
      return { ...initialState, exists: true, folderId, ownerId, parentId, name };
    }
    case 'FolderRenamed':
      return { ...state, name: event.data.name };
    case 'FolderMoved':
      return { ...state, parentId: event.data.parentId };
    case 'FolderDeleted':
      return { ...state, deleted: true, deletedAt: event.data.deletedAt };
    case 'FolderShared':
    case 'FolderSharePermissionChanged':
    case 'FolderShareRevoked':
    case 'FolderShareExpired':
      return { ...state, grants: evolveGrants(state.grants, shareEvents.toChange(event)!) };
  }
}

type LiveFolder = FolderState & { folderId: string; ownerId: string };

type ActorCommand = Exclude<FolderCommand, { type: 'CreateFolder' | 'ExpireShare' }>;

const COMMAND_KINDS: Record<ActorCommand['type'], EntryCommandKind> = {
  UpdateFolder: 'update',
  DeleteFolder: 'delete',
  ShareFolder: 'share',
  RevokeShare: 'share',
};

function requireLive(state: FolderState, command: ActorCommand, now: Date): asserts state is LiveFolder {
  const movesTo = command.type === 'UpdateFolder' ? command.parentId : undefined;
  requireEntryAccess(command, { noun: 'folder', state, kind: COMMAND_KINDS[command.type], place: state.parentId, movesTo }, now);
  if (state.folderId === null || state.ownerId === null) throw new Error('a live folder stream has no id or owner');
}

function update(
  command: Extract<FolderCommand, { type: 'UpdateFolder' }>,
  state: FolderState & { folderId: string; ownerId: string },
): FolderEvent[] {
  const { folderId, ownerId } = state;
  // The name claimed for this update is keyed by the place it was computed from; applied elsewhere it would go unclaimed.
  if (command.expectedPlace && (command.expectedPlace.parentId !== state.parentId || command.expectedPlace.name !== state.name)) {
    throw conflict('the folder was moved or renamed meanwhile; try again');
  }
  const events: FolderEvent[] = [];
  const parentId = command.parentId === undefined ? state.parentId : command.parentId;
  if (command.parentId !== undefined && command.parentId !== state.parentId) {
    if (command.parentId === folderId || command.targetAncestors.includes(folderId)) {
      throw conflict('a folder cannot be moved into itself or one of its subfolders', 'parent_id');
    }
    events.push({ type: 'FolderMoved', data: { folderId, ownerId, name: state.name, parentId, previousParentId: state.parentId } });
  }
  if (command.name !== undefined && command.name !== state.name) {
    events.push({ type: 'FolderRenamed', data: { folderId, ownerId, parentId, name: command.name, previousName: state.name } });
  }
  return events;
}

export const folderDecider: Decider<FolderCommand, FolderEvent, FolderState> = {
  initialState,
  evolve,
  decide(command, state, context) {
    const { now } = context;
    if (command.type === 'CreateFolder') {
      if (state.exists) throw conflict('folder already exists');
      const { folderId, ownerId, parentId, name } = command;
      return [{ type: 'FolderCreated', data: { folderId, ownerId, parentId, name } }];
    }
    if (command.type === 'ExpireShare') {
      if (!state.exists || state.deleted) return [];
      return decideExpire(state.ownerId!, state.grants, command.principalId, command.expiresAt, now).map((change) =>
        shareEvents.toEvent(state.folderId!, change),
      );
    }
    requireLive(state, command, now);
    if (command.type === 'UpdateFolder') return update(command, state);
    if (command.type === 'ShareFolder') {
      return decideShare(state.ownerId, state.grants, command.grantees, context).map((change) =>
        shareEvents.toEvent(state.folderId, change),
      );
    }
    if (command.type === 'RevokeShare') {
      return decideRevoke(state.ownerId, state.grants, command.principalId, now).map((change) =>
        shareEvents.toEvent(state.folderId, change),
      );
    }
    if (command.type === 'DeleteFolder') {
      // A recursive delete skips a child that moved elsewhere since it was listed.
      if (command.onlyIfParent !== undefined && command.onlyIfParent !== state.parentId) return [];
      const { folderId, ownerId, parentId, name } = state;
      return [{ type: 'FolderDeleted', data: { folderId, ownerId, parentId, name, deletedAt: now.toISOString(), reason: command.reason } }];
    }
    throw new DomainError('invalid', 'unknown command');
  },
};
