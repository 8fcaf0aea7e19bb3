import type { Actor } from '../../domain/access/accessPolicy';
import type { EventMetadata, Position } from '../../ports/eventStore';
import type { SharedKind, SharedStreams } from './sharedStreams';

export interface RevokedShare {
  /** False when the user held no grant: nothing was appended. */
  revoked: boolean;
  position: Position | null;
}

/** Takes a user's share of a file or a folder away; only the owner may. */
export class RevokeShare {
  constructor(private readonly streams: SharedStreams) {}

  async run(actor: Actor, kind: SharedKind, resourceId: string, principalId: string, metadata: EventMetadata): Promise<RevokedShare> {
    const result = await this.streams.execute(kind, resourceId, { type: 'RevokeShare', actor, principalId }, metadata);
    return { revoked: result.events.length > 0, position: result.position };
  }
}
