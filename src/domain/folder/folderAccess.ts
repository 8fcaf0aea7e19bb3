import type { GuardedResource } from '../access/accessPolicy';
import type { FolderState } from './folderDecider';

/** A folder as the access policy sees it; grants come with sharing. */
export const folderResource = (state: FolderState): GuardedResource => ({
  live: state.exists && !state.deleted,
  ownerId: state.ownerId,
  grants: [],
});
