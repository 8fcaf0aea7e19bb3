import { DomainError } from '../../domain/shared/domainError';
import type { EventMetadata, Position } from '../../ports/eventStore';
import type { OAuthGrants } from './oauthPorts';

/** A grant as far as revoking it goes: whose it is. */
export interface GrantOfApp {
  _id: string;
  user_id: string;
}

/**
 * Revokes (reason `app_deleted`) every grant users gave a deleted app, as the grants read model lists them;
 * the position of the last revocation written, or null. A grant revoked meanwhile by its user is passed over.
 */
export async function revokeGrantsOfApp(
  grants: AsyncIterable<GrantOfApp>,
  revokeGrant: OAuthGrants['revokeGrant'],
  metadata: EventMetadata,
): Promise<Position | null> {
  let last: Position | null = null;
  for await (const grant of grants) {
    try {
      last = (await revokeGrant(grant.user_id, grant._id, 'app_deleted', metadata)) ?? last;
    } catch (error) {
      if (!(error instanceof DomainError && (error.kind === 'not_found' || error.kind === 'conflict'))) throw error;
    }
  }
  return last;
}
