import type { AccessAction, Actor, Grant, OwnedState } from './accessPolicy';
import { requireAccess, resourceOf } from './accessPolicy';

/**
 * What a command of a file or folder asks of the access policy. Writing covers a rename, metadata and new
 * content; an `update` is a write, or a move when it names another place, which like a delete or a share is
 * the owner's.
 */
export type EntryCommandKind = 'write' | 'update' | 'delete' | 'share';

/** Who acts, and the grants of the folders above the entry, read from their streams by the handler. */
export interface EntryCommand {
  actor: Actor;
  inherited?: readonly Grant[];
}

export interface EntryAccessRequest {
  noun: 'file' | 'folder';
  state: OwnedState;
  kind: EntryCommandKind;
  /** The folder the entry is in (a folder's parent); null the root. */
  place: string | null;
  /** The folder an update puts it in; undefined when it names none. */
  movesTo?: string | null;
}

export function entryAction(kind: EntryCommandKind, place: string | null, movesTo: string | null | undefined): AccessAction {
  if (kind !== 'update') return kind;
  return movesTo !== undefined && movesTo !== place ? 'manage' : 'write';
}

/** Throws not_found or forbidden unless the command's actor may do what it asks to the file or folder. */
export function requireEntryAccess(command: EntryCommand, request: EntryAccessRequest, now: Date): void {
  const action = entryAction(request.kind, request.place, request.movesTo);
  requireAccess(command.actor, action, resourceOf(request.state, command.inherited), request.noun, now);
}
