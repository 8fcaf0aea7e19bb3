import type { Actor } from '../domain/access/accessPolicy';
import { heldScopes } from '../domain/access/scopes';

const FILE_WRITER_SCOPES = heldScopes(['files.write']);

/** Whom a hook's commands run as: its owner, with the file scopes a call needs and no more (no sharing, no hook management). */
export const hookOwner = (ownerId: string): Actor => ({ userId: ownerId, scopes: FILE_WRITER_SCOPES });
