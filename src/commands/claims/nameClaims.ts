import type { ClaimState } from '../../domain/claim/claimDecider';
import type { ClaimKind } from '../../domain/claim/claimEvents';
import { WrongExpectedRevisionError } from '../../ports/errors';
import type { EventMetadata } from '../../ports/eventStore';
import { uuidV5 } from '../../shared/uuidV5';
import { claimAggregate } from '../aggregates';
import type { CommandPipeline, LoadedStream } from '../pipeline';
import { canonicalName } from './canonicalName';

const CLAIM_NAMESPACE = '6f1c1d2e-7a43-4c1e-9a53-2b8f2f0f5d10';

/** Whether a claim's holder still uses the value (a user still has that username; a file still has that name in that folder). */
export type ClaimUsage = (holderId: string, canonicalValue: string) => Promise<boolean>;

/** A claim stream as it was read or written: what a later conditional release is checked against. */
export type LoadedClaim = LoadedStream<ClaimState>;

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

  inspect(kind: ClaimKind, value: string): Promise<LoadedClaim> {
    return this.pipeline.load(claimAggregate, NameClaims.claimId(kind, value));
  }

  /** Takes the value for `holderId`, deciding on `loaded` first when the caller has read the claim already. */
  async claim(kind: ClaimKind, value: string, holderId: string, metadata: EventMetadata, loaded?: LoadedClaim): Promise<LoadedClaim> {
    // Whether the current holder still uses the value is asked of the holder found on each attempt, never of a stale one.
    const claimFor = async ({ state }: LoadedClaim) => {
      const current = state.holderId;
      const currentHolderUsesIt = current !== null && current !== holderId && (await this.uses(current, kind, value));
      return { type: 'Claim' as const, kind, value: canonicalName(value), holderId, currentHolderUsesIt };
    };
    const result = await this.pipeline.execute(claimAggregate, NameClaims.claimId(kind, value), claimFor, metadata, { loaded });
    return { state: result.state, revision: result.revision, exists: true, hash: result.hash };
  }

  /** Gives the value up if `holderId` holds it, whether or not it uses it: for a holder that is gone (deleted). */
  async releaseIfHeld(kind: ClaimKind, value: string, holderId: string, metadata: EventMetadata): Promise<void> {
    const command = { type: 'Release' as const, kind, value: canonicalName(value), holderId };
    await this.pipeline.execute(claimAggregate, NameClaims.claimId(kind, value), command, metadata);
  }

  /**
   * Gives the value up if the claim is still as `seen` left it: any claim appended since, even by the
   * same holder (a rename back to this name), keeps the value held. Answers whether it was released.
   */
  async releaseAsSeen(kind: ClaimKind, value: string, holderId: string, seen: LoadedClaim, metadata: EventMetadata): Promise<boolean> {
    const command = { type: 'Release' as const, kind, value: canonicalName(value), holderId };
    try {
      const result = await this.pipeline.execute(claimAggregate, NameClaims.claimId(kind, value), command, metadata, {
        loaded: seen,
        once: true,
      });
      return result.events.length > 0;
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return false;
      throw error;
    }
  }

  /** Gives the value up unless its holder uses it again (for writers that did not read the claim before their change). */
  async release(kind: ClaimKind, value: string, holderId: string, metadata: EventMetadata): Promise<void> {
    if (await this.uses(holderId, kind, value)) return;
    await this.releaseIfHeld(kind, value, holderId, metadata);
  }

  /** The holder who has and still uses this value; a claim left over from a crashed write does not count. */
  async holderOf(kind: ClaimKind, value: string, loaded?: LoadedClaim): Promise<string | null> {
    const { holderId } = (loaded ?? (await this.inspect(kind, value))).state;
    return holderId !== null && (await this.uses(holderId, kind, value)) ? holderId : null;
  }

  private uses(holderId: string, kind: ClaimKind, value: string): Promise<boolean> {
    return this.usage[kind](holderId, canonicalName(value));
  }
}
