import { DomainError } from '../shared/domainError';

/** How deep folders nest: deep enough for any real tree, shallow enough that every path walk stays cheap. */
export const MAX_FOLDER_DEPTH = 64;

/**
 * The most steps a walk up a folder's parents takes. Far deeper than MAX_FOLDER_DEPTH: a walk that goes
 * further is looking at a cycle that two concurrent moves formed and one of them has not undone yet.
 */
export const MAX_PATH_WALK = 1000;

/** `parentDepth` is how many folders the parent has above it, itself included (0 for the root). */
export function assertRoomForChild(parentDepth: number): void {
  if (parentDepth >= MAX_FOLDER_DEPTH) throw new DomainError('invalid', `folders nest at most ${MAX_FOLDER_DEPTH} deep`, 'parent_id');
}
