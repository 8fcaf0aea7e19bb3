import type { z } from 'zod';
import type { ReadStore } from '../../ports/readStore';
import type { ShareGrantRow } from '../../projections/access/accessRows';
import type { ReachingShare } from '../../projections/access/shareQueries';
import type { UserView } from '../../projections/users/usersProjection';
import { USERS } from '../../projections/users/usersProjection';
import type { resourceShareItem, sharedItem } from './shareQuerySchemas';

/** The users with these ids, read in one `$in`. */
export async function usersById(readStore: ReadStore, ids: readonly string[]): Promise<Map<string, UserView>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const users = await readStore.find<UserView>(USERS, { _id: { $in: unique } }, { limit: unique.length });
  return new Map(users.map((user) => [user._id, user]));
}

const summaryOf = (userId: string, user: UserView | undefined) => ({
  user_id: userId,
  username: user?.username ?? '',
  name: user?.display_name ?? '',
});

export const presentResourceShare = (share: ReachingShare, user: UserView | undefined): z.infer<typeof resourceShareItem> => ({
  share_id: share.grant.share_id,
  ...summaryOf(share.grant.principal_id, user),
  email: user?.email ?? '',
  permission: share.grant.permission,
  shared_at: share.grant.shared_at,
  expires_at: share.grant.expires_at,
  via: share.via,
  ...(share.via === 'folder' ? { folder_id: share.grant.resource_id } : {}),
});

export const presentShared = (grant: ShareGrantRow, users: ReadonlyMap<string, UserView>): z.infer<typeof sharedItem> => ({
  share_id: grant.share_id,
  resource_kind: grant.resource_kind,
  file_id: grant.resource_kind === 'file' ? grant.resource_id : null,
  ...(grant.resource_kind === 'folder' ? { folder_id: grant.resource_id } : {}),
  filename: grant.name,
  size_bytes: grant.size_bytes,
  content_type: grant.content_type,
  permission: grant.permission,
  shared_at: grant.shared_at,
  expires_at: grant.expires_at,
  file_created_at: grant.resource_created_at,
  shared_by: summaryOf(grant.owner_id, users.get(grant.owner_id)),
  shared_with: summaryOf(grant.principal_id, users.get(grant.principal_id)),
});
