import type { GuardedResource } from '../access/accessPolicy';
import type { FileState } from './fileDecider';

/** A file as the access policy sees it; grants come with sharing. */
export const fileResource = (state: FileState): GuardedResource => ({
  live: state.exists && !state.deleted,
  ownerId: state.ownerId,
  grants: [],
});
