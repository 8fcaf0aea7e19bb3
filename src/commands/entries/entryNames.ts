import { conflict, DomainError } from '../../domain/shared/domainError';
import type { EventMetadata } from '../../ports/eventStore';
import { fileAggregate, folderAggregate } from '../aggregates';
import { canonicalName } from '../claims/canonicalName';
import type { ClaimUsage, NameClaims } from '../claims/nameClaims';
import type { CommandPipeline } from '../pipeline';

/** Where an entry (a file or a folder) sits: its name is unique among its siblings, whatever the letter case. */
export interface EntryKey {
  ownerId: string;
  /** null is the owner's root. */
  parentId: string | null;
  name: string;
}

const claimValue = (key: EntryKey) => `${key.ownerId}/${key.parentId ?? 'root'}/${key.name}`;

export const sameEntryKey = (a: EntryKey, b: EntryKey) => canonicalName(claimValue(a)) === canonicalName(claimValue(b));

/** An entry claim is in use while the file or folder holding it is alive under that parent and name. */
export function entryClaimUsage(pipeline: CommandPipeline): ClaimUsage {
  return async (holderId, value) => {
    const file = await pipeline.load(fileAggregate, holderId);
    const entry = file.exists
      ? { live: !file.state.deleted, ownerId: file.state.ownerId, parentId: file.state.folderId, name: file.state.name }
      : await pipeline.load(folderAggregate, holderId).then(({ exists, state }) => ({
          live: exists && !state.deleted,
          ownerId: state.ownerId,
          parentId: state.parentId,
          name: state.name,
        }));
    return (
      entry.live &&
      entry.ownerId !== null &&
      canonicalName(claimValue({ ownerId: entry.ownerId, parentId: entry.parentId, name: entry.name })) === value
    );
  };
}

/** Sibling names of files and folders share one namespace per parent, held through the `entry` claims. */
export class EntryNames {
  constructor(private readonly claims: NameClaims) {}

  /** Takes the name for `holderId`; a name another entry holds answers 409 on the `name` field. */
  async claim(key: EntryKey, holderId: string, metadata: EventMetadata): Promise<void> {
    try {
      await this.claims.claim('entry', claimValue(key), holderId, metadata);
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'conflict')
        throw conflict('a file or folder with this name already exists in this folder', 'name');
      throw error;
    }
  }

  release(key: EntryKey, holderId: string, metadata: EventMetadata): Promise<void> {
    return this.claims.release('entry', claimValue(key), holderId, metadata);
  }

  /** The file or folder that has this name, or null. */
  holderOf(key: EntryKey): Promise<string | null> {
    return this.claims.ownerOf('entry', claimValue(key));
  }
}
