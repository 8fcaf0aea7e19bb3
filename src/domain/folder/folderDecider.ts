import type { AccessAction, Actor } from '../access/accessPolicy';
import { requireAccess, resourceOf } from '../access/accessPolicy';
import type { Decider } from '../shared/decider';
import { conflict, DomainError } from '../shared/domainError';
import type { FolderEvent } from './folderEvents';

export interface FolderState {
  exists: boolean;
  deleted: boolean;
  folderId: string | null;
  ownerId: string | null;
  parentId: string | null;
  name: string;
}

/**
 * Commands carry facts the handler gathered outside the domain: `targetAncestors` lists the new parent
 * and its ancestors up to the root, read from the event store just before deciding.
 */
export type FolderCommand =
  | { type: 'CreateFolder'; folderId: string; ownerId: string; parentId: string | null; name: string }
  | {
      type: 'UpdateFolder';
      actor: Actor;
      name?: string;
      parentId?: string | null;
      targetAncestors: readonly string[];
      /** Where the handler saw the folder when it claimed the new name: a move or rename meanwhile refuses the update. */
      expectedPlace?: { parentId: string | null; name: string };
    }
  | { type: 'DeleteFolder'; actor: Actor; reason: 'deleted' | 'parent_deleted'; onlyIfParent?: string | null };

const initialState: FolderState = { exists: false, deleted: false, folderId: null, ownerId: null, parentId: null, name: '' };

function evolve(state: FolderState, event: FolderEvent): FolderState {
  switch (event.type) {
    case 'FolderCreated': {
      const { folderId, ownerId, parentId, name } = event.data;
      return { exists: true, deleted: false, folderId, ownerId, parentId, name };
    }
    case 'FolderRenamed':
      return { ...state, name: event.data.name };
    case 'FolderMoved':
      return { ...state, parentId: event.data.parentId };
    case 'FolderDeleted':
      return { ...state, deleted: true };
  }
}

type LiveFolder = FolderState & { folderId: string; ownerId: string };

const ACTION_OF: Record<Exclude<FolderCommand['type'], 'CreateFolder'>, AccessAction> = { UpdateFolder: 'write', DeleteFolder: 'delete' };

function requireLive(state: FolderState, actor: Actor, action: AccessAction): asserts state is LiveFolder {
  requireAccess(actor, action, resourceOf(state), 'folder');
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
  decide(command, state, { now }) {
    if (command.type === 'CreateFolder') {
      if (state.exists) throw conflict('folder already exists');
      const { folderId, ownerId, parentId, name } = command;
      return [{ type: 'FolderCreated', data: { folderId, ownerId, parentId, name } }];
    }
    requireLive(state, command.actor, ACTION_OF[command.type]);
    if (command.type === 'UpdateFolder') return update(command, state);
    if (command.type === 'DeleteFolder') {
      // A recursive delete skips a child that moved elsewhere since it was listed.
      if (command.onlyIfParent !== undefined && command.onlyIfParent !== state.parentId) return [];
      const { folderId, ownerId, parentId, name } = state;
      return [{ type: 'FolderDeleted', data: { folderId, ownerId, parentId, name, deletedAt: now.toISOString(), reason: command.reason } }];
    }
    throw new DomainError('invalid', 'unknown command');
  },
};
