import type { ReadStore } from '../../ports/readStore';
import type { AccessRow, ShareGrantRow } from './accessRows';
import { ACCESS, accessKeyOf, SHARE_GRANTS } from './accessRows';
import { SHARE_PAIRS, SHARED_RESOURCES } from './shareCounters';

/** Most shares one resource's list shows, direct and through folders each. */
export const MAX_RESOURCE_SHARES = 1000;

/** A share that reaches a resource: its own (`direct`), or one of a folder above it (`folder`, with that folder's grant). */
export interface ReachingShare {
  via: 'direct' | 'folder';
  grant: ShareGrantRow;
}

const live = (now: Date) => ({ active_until: { $gt: now.toISOString() } });

/**
 * The unexpired shares that reach a resource: its direct shares, then for each principal the shares of
 * the folders above it (read from the principal's access row, each joined to that folder's grant).
 */
export async function sharesReaching(readStore: ReadStore, resourceId: string, now: Date): Promise<ReachingShare[]> {
  const direct = await readStore.find<ShareGrantRow>(
    SHARE_GRANTS,
    { resource_id: resourceId, ...live(now) },
    { sort: [['shared_at', 1]], limit: MAX_RESOURCE_SHARES },
  );
  const reach = await readStore.find<AccessRow>(ACCESS, { resource_id: resourceId, ...live(now) }, { limit: MAX_RESOURCE_SHARES });
  const inheritedKeys = reach.flatMap((row) =>
    row.sources.filter((source) => source.via === 'folder').map((source) => accessKeyOf(source.from, row.principal_id)),
  );
  const inherited =
    inheritedKeys.length === 0
      ? []
      : await readStore.find<ShareGrantRow>(
          SHARE_GRANTS,
          { _id: { $in: inheritedKeys.slice(0, MAX_RESOURCE_SHARES) }, ...live(now) },
          { sort: [['shared_at', 1]], limit: MAX_RESOURCE_SHARES },
        );
  return [...direct.map((grant) => ({ via: 'direct' as const, grant })), ...inherited.map((grant) => ({ via: 'folder' as const, grant }))];
}

export interface ShareStats {
  files_you_shared: number;
  files_shared_with_you: number;
  users_who_shared_with_you: number;
  users_you_shared_with: number;
}

/**
 * The seed's four sharing counters. "Files" are the shared resources, files and folders alike, counted
 * by their direct shares (what /shared lists); the two user counts are distinct users.
 */
export async function shareStats(readStore: ReadStore, userId: string, now: Date): Promise<ShareStats> {
  const [youShared, sharedWithYou, sharersOfYou, youSharedWith] = await Promise.all([
    readStore.count(SHARED_RESOURCES, { owner_id: userId }),
    readStore.count(SHARE_GRANTS, { principal_id: userId, ...live(now) }),
    readStore.count(SHARE_PAIRS, { principal_id: userId }),
    readStore.count(SHARE_PAIRS, { owner_id: userId }),
  ]);
  return {
    files_you_shared: youShared,
    files_shared_with_you: sharedWithYou,
    users_who_shared_with_you: sharersOfYou,
    users_you_shared_with: youSharedWith,
  };
}

export type SharedView = 'received' | 'sent';

/** The filter of a user's unexpired shares, received or sent, for paging SHARE_GRANTS. */
export const sharedListFilter = (userId: string, view: SharedView, now: Date) => ({
  [view === 'received' ? 'principal_id' : 'owner_id']: userId,
  ...live(now),
});
