import type { ClaimKind } from '../../domain/claim/claimEvents';
import type { EventMetadata } from '../../ports/eventStore';
import { uuidV5 } from '../../shared/uuidV5';
import { claimAggregate } from '../aggregates';
import type { CommandPipeline } from '../pipeline';
import { canonicalName } from './canonicalName';

const CLAIM_NAMESPACE = '6f1c1d2e-7a43-4c1e-9a53-2b8f2f0f5d10';

/** Whether a claim's holder still uses the value (a user still has that username; a file still has that name in that folder). */
export type ClaimUsage = (holderId: string, canonicalValue: string) => Promise<boolean>;

/**
 * Uniqueness across concurrent writers (usernames, emails, entry names in a folder): each value has its
 * own stream (`claim-<uuidv5(kind:value)>`) that one holder takes with an expected revision, so of two
 * racing writers exactly one can win, on SQLite and EventStoreDB alike. What "still uses it" means is
 * given per kind, so claims left behind by a crash can be taken over.
 */
export class NameClaims {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly usage: Readonly<Record<ClaimKind, ClaimUsage>>,
  ) {}

  static claimId(kind: ClaimKind, value: string): string {
    return uuidV5(`${kind}:${canonicalName(value)}`, CLAIM_NAMESPACE);
  }

  async claim(kind: ClaimKind, value: string, ownerId: string, metadata: EventMetadata): Promise<void> {
    const id = NameClaims.claimId(kind, value);
    const current = await this.pipeline.load(claimAggregate, id);
    const currentOwner = current.state.ownerId;
    const currentOwnerUsesIt = currentOwner !== null && currentOwner !== ownerId && (await this.uses(currentOwner, kind, value));
    await this.pipeline.execute(
      claimAggregate,
      id,
      { type: 'Claim', kind, value: canonicalName(value), ownerId, currentOwnerUsesIt },
      metadata,
    );
  }

  /**
   * Gives the value up unless its holder uses it again: a concurrent write of the same holder (a rename
   * back to the name being released) may have re-taken it, and releasing it then would let a second
   * entry or user take a value still in use. A claim kept by mistake is only abandoned, and taken over later.
   */
  async release(kind: ClaimKind, value: string, ownerId: string, metadata: EventMetadata): Promise<void> {
    if (await this.uses(ownerId, kind, value)) return;
    await this.pipeline.execute(
      claimAggregate,
      NameClaims.claimId(kind, value),
      { type: 'Release', kind, value: canonicalName(value), ownerId },
      metadata,
    );
  }

  /** The holder who has and still uses this value; a claim left over from a crashed write does not count. */
  async ownerOf(kind: ClaimKind, value: string): Promise<string | null> {
    const ownerId = (await this.pipeline.load(claimAggregate, NameClaims.claimId(kind, value))).state.ownerId;
    return ownerId !== null && (await this.uses(ownerId, kind, value)) ? ownerId : null;
  }

  private uses(holderId: string, kind: ClaimKind, value: string): Promise<boolean> {
    return this.usage[kind](holderId, canonicalName(value));
  }
}
