import type { ClaimKind } from '../../domain/claim/claimEvents';
import type { EventMetadata } from '../../ports/eventStore';
import { uuidV5 } from '../../shared/uuidV5';
import { claimAggregate, userAggregate } from '../aggregates';
import type { CommandPipeline } from '../pipeline';
import { canonicalName } from './userSchemas';

const CLAIM_NAMESPACE = '6f1c1d2e-7a43-4c1e-9a53-2b8f2f0f5d10';

/**
 * Uniqueness of usernames and emails across concurrent writers: each value has its own stream
 * (`claim-<uuidv5(kind:value)>`) that one owner takes with an expected revision, so of two racing
 * registrations exactly one can win, on SQLite and EventStoreDB alike.
 */
export class NameClaims {
  constructor(private readonly pipeline: CommandPipeline) {}

  static claimId(kind: ClaimKind, value: string): string {
    return uuidV5(`${kind}:${canonicalName(value)}`, CLAIM_NAMESPACE);
  }

  async claim(kind: ClaimKind, value: string, ownerId: string, metadata: EventMetadata): Promise<void> {
    const id = NameClaims.claimId(kind, value);
    const current = await this.pipeline.load(claimAggregate, id);
    const currentOwner = current.state.ownerId;
    const currentOwnerUsesIt = currentOwner !== null && currentOwner !== ownerId && (await this.uses(currentOwner, kind, value));
    await this.pipeline.execute(claimAggregate, id, { type: 'Claim', kind, value: canonicalName(value), ownerId, currentOwnerUsesIt }, metadata);
  }

  async release(kind: ClaimKind, value: string, ownerId: string, metadata: EventMetadata): Promise<void> {
    await this.pipeline.execute(claimAggregate, NameClaims.claimId(kind, value), { type: 'Release', kind, value: canonicalName(value), ownerId }, metadata);
  }

  /** The user who holds and still uses this value; a claim left over from a crashed rename does not count. */
  async ownerOf(kind: ClaimKind, value: string): Promise<string | null> {
    const ownerId = (await this.pipeline.load(claimAggregate, NameClaims.claimId(kind, value))).state.ownerId;
    return ownerId !== null && (await this.uses(ownerId, kind, value)) ? ownerId : null;
  }

  private async uses(userId: string, kind: ClaimKind, value: string): Promise<boolean> {
    const user = await this.pipeline.load(userAggregate, userId);
    return user.exists && canonicalName(user.state[kind]) === canonicalName(value);
  }
}
