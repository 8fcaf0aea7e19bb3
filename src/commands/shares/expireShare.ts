import type { EventMetadata, Position } from '../../ports/eventStore';
import type { SharedKind, SharedStreams } from './sharedStreams';

/** A grant whose expiry has passed, as the read model lists it. */
export interface ExpiringGrant {
  kind: SharedKind;
  resourceId: string;
  principalId: string;
  expiresAt: string;
}

/**
 * Records that a grant's expiry has passed (ShareExpired or FolderShareExpired), for the feed and
 * webhooks; access already stopped at the expiry. Nothing is appended when the grant was changed,
 * revoked or already expired since it was listed.
 */
export class ExpireShare {
  constructor(private readonly streams: SharedStreams) {}

  async run({ kind, resourceId, principalId, expiresAt }: ExpiringGrant, metadata: EventMetadata): Promise<Position | null> {
    const result = await this.streams.execute(kind, resourceId, { type: 'ExpireShare', principalId, expiresAt }, metadata);
    return result.position;
  }
}
