import type { RoleLookup } from '../../audit/auditPorts';
import type { Actor } from '../../domain/access/accessPolicy';
import { readsEveryStream } from '../../domain/user/roles';
import type { HistoryBound } from '../../commands/history/foldAsOf';
import type { RecordedEvent } from '../../ports/eventStore';
import type { ReadStore } from '../../ports/readStore';
import type { AccessHistoryRow, AccessInterval } from '../../projections/access/accessRows';
import { ACCESS_HISTORY, accessKeyOf } from '../../projections/access/accessRows';
import { intervalCovers } from '../../sync/feedAudience';
import type { SyncFeed } from '../../sync/syncFeed';
import { unavailable } from '../../domain/shared/domainError';

/** Why a caller may read a resource as it was: they own it, their roles read every stream, or it was shared with them then. */
export type PastReader = 'owner' | 'every_stream' | 'grantee';

/**
 * The moment of the bound as the access history records moments (a position and a time). The resource
 * stood as after `last` from it up to the bound, so the moment takes the bound's own part and `last`'s other.
 */
const momentOf = (bound: HistoryBound, last: RecordedEvent): Pick<RecordedEvent, 'position' | 'createdAt'> =>
  'position' in bound ? { position: bound.position, createdAt: last.createdAt } : { position: last.position, createdAt: bound.time };

/**
 * Whether a grantee saw the resource as it stood at the moment. The feed's intervals hold their end (a grantee
 * is sent the revoke that ends their access); the state that revoke leaves is no longer theirs to see.
 */
const showsStateAt = (interval: AccessInterval, moment: Pick<RecordedEvent, 'position' | 'createdAt'>): boolean =>
  intervalCovers(interval, moment) && moment.position !== interval.to;

/**
 * How the actor may read a resource as of the bound (it stood as after `last` then), or null: they may not.
 * A grantee's access is read from the access history only up to its projection's checkpoint (the sync
 * feed's horizon), where it is final: a moment past it answers 503 until it catches up.
 */
export async function pastReaderOf(
  services: { readStore: ReadStore; roles: RoleLookup; sync: Pick<SyncFeed, 'horizon'> },
  actor: Actor,
  resource: { id: string; ownerId: string | null },
  bound: HistoryBound,
  last: RecordedEvent,
): Promise<PastReader | null> {
  if (resource.ownerId === actor.userId) return 'owner';
  if (readsEveryStream(await services.roles.rolesOf(actor.userId))) return 'every_stream';
  const moment = momentOf(bound, last);
  if (moment.position > ((await services.sync.horizon.current()) ?? '')) {
    throw unavailable('the access history has not reached as_of yet; try again shortly');
  }
  const history = await services.readStore.get<AccessHistoryRow>(ACCESS_HISTORY, accessKeyOf(resource.id, actor.userId));
  return history?.intervals.some((interval) => showsStateAt(interval, moment)) ? 'grantee' : null;
}
