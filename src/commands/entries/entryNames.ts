import type { FileState } from '../../domain/file/fileDecider';
import type { FolderState } from '../../domain/folder/folderDecider';
import { conflict, DomainError } from '../../domain/shared/domainError';
import type { EventMetadata } from '../../ports/eventStore';
import { fileAggregate, folderAggregate } from '../aggregates';
import { canonicalName } from '../claims/canonicalName';
import type { ClaimUsage, LoadedClaim, NameClaims } from '../claims/nameClaims';
import type { CommandPipeline } from '../pipeline';

/** Where an entry (a file or a folder) sits: its name is unique among its siblings, whatever the letter case. */
export interface EntryKey {
  ownerId: string;
  /** null is the owner's root. */
  parentId: string | null;
  name: string;
}

const claimValue = (key: EntryKey) => `${key.ownerId}/${key.parentId ?? 'root'}/${key.name}`;

/** Where an entry goes with a change of parent and/or name (undefined keeps that part). */
export function relocated(
  from: EntryKey,
  parentId: string | null | undefined,
  name: string | undefined,
): { to: EntryKey; moving: boolean } {
  const to = { ...from, parentId: parentId === undefined ? from.parentId : parentId, name: name ?? from.name };
  return { to, moving: to.parentId !== from.parentId };
}

export const sameEntryKey = (a: EntryKey, b: EntryKey) => canonicalName(claimValue(a)) === canonicalName(claimValue(b));

/** Where a file or folder sits, from its stream's state; an entry that exists always has an owner. */
export const fileEntryKey = (state: FileState): EntryKey => ({ ownerId: state.ownerId!, parentId: state.folderId, name: state.name });
export const folderEntryKey = (state: FolderState): EntryKey => ({ ownerId: state.ownerId!, parentId: state.parentId, name: state.name });

/** An entry claim is in use while the file or folder holding it is alive under that parent and name. */
export function entryClaimUsage(pipeline: CommandPipeline): ClaimUsage {
  return async (holderId, value) => {
    const file = await pipeline.load(fileAggregate, holderId);
    const entry = file.exists
      ? { live: !file.state.deleted, key: () => fileEntryKey(file.state) }
      : await pipeline
          .load(folderAggregate, holderId)
          .then(({ exists, state }) => ({ live: exists && !state.deleted, key: () => folderEntryKey(state) }));
    return entry.live && canonicalName(claimValue(entry.key())) === value;
  };
}

/** Sibling names of files and folders share one namespace per parent, held through the `entry` claims. */
export class EntryNames {
  constructor(private readonly claims: NameClaims) {}

  inspect(key: EntryKey): Promise<LoadedClaim> {
    return this.claims.inspect('entry', claimValue(key));
  }

  /** Takes the name for `holderId`; a name another entry holds answers 409 on the `name` field. */
  async claim(key: EntryKey, holderId: string, metadata: EventMetadata, loaded?: LoadedClaim): Promise<LoadedClaim> {
    try {
      return await this.claims.claim('entry', claimValue(key), holderId, metadata, loaded);
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'conflict')
        throw conflict('a file or folder with this name already exists in this folder', 'name');
      throw error;
    }
  }

  /** Gives the name up unless it was claimed again since `seen` was read. */
  releaseAsSeen(key: EntryKey, holderId: string, seen: LoadedClaim, metadata: EventMetadata): Promise<boolean> {
    return this.claims.releaseAsSeen('entry', claimValue(key), holderId, seen, metadata);
  }

  /** Gives the name up if the entry holds it (an entry that is deleted and never uses it again). */
  releaseIfHeld(key: EntryKey, holderId: string, metadata: EventMetadata): Promise<void> {
    return this.claims.releaseIfHeld('entry', claimValue(key), holderId, metadata);
  }

  /** The file or folder that has this name, or null. */
  holderOf(key: EntryKey, loaded?: LoadedClaim): Promise<string | null> {
    return this.claims.holderOf('entry', claimValue(key), loaded);
  }
}
