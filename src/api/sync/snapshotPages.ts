import { z } from 'zod';
import { SHARE_PERMISSIONS } from '../../domain/share/shareEvents';
import type { Position } from '../../ports/eventStore';
import { isPosition } from '../../ports/eventStore';
import type { Filter, FindOptions, ReadStore } from '../../ports/readStore';
import type { AccessRow, SharedResourceKind } from '../../projections/access/accessRows';
import { ACCESS } from '../../projections/access/accessRows';
import type { FileView } from '../../projections/files/fileViews';
import { FILES } from '../../projections/files/fileViews';
import type { FolderView } from '../../projections/folders/folderViews';
import { FOLDERS } from '../../projections/folders/folderViews';
import { ApiError } from '../http/apiError';
import type { Page } from '../http/pagination';
import { findPage } from '../http/pagination';
import type { SnapshotEntry } from './syncSchemas';

/** One collection a snapshot walks, in the order snapshots walk them. */
interface SnapshotPart {
  collection: string;
  filter(userId: string, now: string): Filter;
  sort: NonNullable<FindOptions['sort']>;
  /** `now` (ISO) decides which shares still count. */
  present(doc: never, now: string): SnapshotEntry;
}

const ownFolder = (view: FolderView): SnapshotEntry => ({
  type: 'folder',
  id: view._id,
  name: view.name,
  parent_id: view.parent_id,
  owner_id: view.owner_id,
  permission: 'owner',
  size: null,
  mime_type: null,
  created_at: view.created_at,
});

const ownFile = (view: FileView): SnapshotEntry => ({
  type: 'file',
  id: view._id,
  name: view.name,
  parent_id: view.folder_id,
  owner_id: view.owner_id,
  permission: 'owner',
  size: view.size,
  mime_type: view.mime_type,
  created_at: view.created_at,
});

/** The strongest of the row's sources still live at `now` (rows are read with `active_until > now`, so one is). */
const strongestPermission = (row: AccessRow, now: string): SnapshotEntry['permission'] =>
  row.sources
    .filter((source) => source.expires_at === null || source.expires_at > now)
    .map((source) => source.permission)
    .reduce((best, next) => (SHARE_PERMISSIONS.indexOf(next) > SHARE_PERMISSIONS.indexOf(best) ? next : best), 'view' as const);

const sharedWith = (row: AccessRow, now: string): SnapshotEntry => ({
  type: row.resource_kind,
  id: row.resource_id,
  name: row.name,
  parent_id: row.parent_id,
  owner_id: row.owner_id,
  permission: strongestPermission(row, now),
  size: row.size_bytes,
  mime_type: row.content_type,
  created_at: row.resource_created_at,
});

const ownPart = (collection: string, present: SnapshotPart['present']): SnapshotPart => ({
  collection,
  filter: (userId) => ({ owner_id: userId }),
  sort: [['created_at', 1]],
  present,
});

const sharedPart = (kind: SharedResourceKind): SnapshotPart => ({
  collection: ACCESS,
  filter: (userId, now) => ({ principal_id: userId, resource_kind: kind, active_until: { $gt: now } }),
  sort: [['resource_created_at', 1]],
  present: sharedWith,
});

const PARTS: readonly SnapshotPart[] = [ownPart(FOLDERS, ownFolder), ownPart(FILES, ownFile), sharedPart('folder'), sharedPart('file')];

/** Where the next page of a snapshot starts: the feed position it was taken at, the part, and the keyset cursor within it. */
const snapshotCursor = z.strictObject({
  sync: z.string().refine(isPosition).nullable(),
  part: z
    .int()
    .min(0)
    .max(PARTS.length - 1),
  after: z.string().nullable(),
});
type SnapshotCursor = z.infer<typeof snapshotCursor>;

const encode = (cursor: SnapshotCursor): string => Buffer.from(JSON.stringify(cursor)).toString('base64url');

function decode(cursor: string): SnapshotCursor {
  try {
    return snapshotCursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new ApiError('validation_error', 'the cursor is not valid', [
      { path: 'query.cursor', message: 'use next_cursor from a previous page' },
    ]);
  }
}

export interface SnapshotPage extends Page<SnapshotEntry> {
  /** The feed position the snapshot was taken at (the horizon before its first page was read). */
  syncPosition: Position | null;
}

/**
 * One page of everything a user sees: their folders, their files, then the folders and files shared with
 * them now. The first page takes the feed position (`syncAt`) before it reads anything, and every later
 * page carries it in its cursor: the feed from there replays whatever changed while the pages were read.
 */
export async function snapshotPage(
  readStore: ReadStore,
  userId: string,
  request: { limit: number; cursor?: string },
  syncAt: () => Promise<Position | null>,
  now: Date,
): Promise<SnapshotPage> {
  const start = request.cursor === undefined ? { sync: await syncAt(), part: 0, after: null } : decode(request.cursor);
  const nowText = now.toISOString();
  const data: SnapshotEntry[] = [];
  let part = start.part;
  let after: string | null = start.after;
  while (part < PARTS.length && data.length < request.limit) {
    const { collection, filter, sort, present } = PARTS[part]!;
    const page: Page<SnapshotEntry> = await findPage(
      readStore,
      collection,
      filter(userId, nowText),
      { sort, limit: request.limit - data.length, cursor: after ?? undefined },
      (doc: never) => present(doc, nowText),
    );
    data.push(...page.data);
    if (page.page.has_more) {
      after = page.page.next_cursor;
      break;
    }
    part += 1;
    after = null;
  }
  const hasMore = part < PARTS.length;
  return {
    data,
    page: { limit: request.limit, next_cursor: hasMore ? encode({ sync: start.sync, part, after }) : null, has_more: hasMore },
    syncPosition: start.sync,
  };
}
