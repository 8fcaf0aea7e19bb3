import { z } from 'zod';
import { SHARE_PERMISSIONS } from '../../domain/share/shareEvents';
import { cursorParam, limitParam, pageSchema } from '../http/pagination';

const syncCursor = z.string().min(1).max(256);

export const updatesQuery = z
  .strictObject({
    since: z.iso.datetime({ offset: true }).optional(),
    cursor: syncCursor.optional(),
    limit: limitParam(500, 100),
  })
  .superRefine((query, context) => {
    const given = [query.since, query.cursor].filter((value) => value !== undefined).length;
    if (given === 0)
      context.addIssue({ code: 'custom', path: ['cursor'], message: 'missing: give since (an ISO time) or cursor (a next_cursor)' });
    if (given === 2)
      context.addIssue({
        code: 'custom',
        path: ['cursor'],
        message: 'give either since (an ISO time) or cursor (a next_cursor), not both',
      });
  });

export const longPollQuery = z.strictObject({
  cursor: syncCursor,
  /** Seconds to wait for a change, as Dropbox's long-poll takes them. */
  timeout: z.coerce.number().int().min(30).max(480).default(30),
});

export const snapshotQuery = z.strictObject({ limit: limitParam(), cursor: cursorParam });

export const syncEventResponse = z
  .object({
    event_id: z.uuid(),
    /** The public name (`upload.completed`, `share.revoked`, …). */
    type: z.string(),
    /** Who caused the event. */
    user_id: z.string().nullable(),
    timestamp: z.string(),
    payload: z.record(z.string(), z.unknown()),
    /** Resuming after this cursor gives exactly the events that follow. */
    cursor: z.string(),
  })
  .meta({ id: 'SyncEvent' });

export const updatesResponse = z
  .object({
    events: z.array(syncEventResponse),
    count: z.int().min(0),
    since: z.string().nullable(),
    server_time: z.string(),
    /** Where the next call continues; null only when the feed is empty and no cursor was given. */
    next_cursor: z.string().nullable(),
    has_more: z.boolean(),
  })
  .meta({ id: 'SyncUpdates' });

export const longPollResponse = z
  .object({
    changes: z.boolean(),
    /** Seconds to wait before the next long-poll (the server holds too many). */
    backoff: z.int().min(1).optional(),
  })
  .meta({ id: 'SyncLongPoll' });

export const statusResponse = z
  .object({
    /** `degraded` while the feed is held back: the read models it follows have stopped. */
    status: z.enum(['active', 'degraded']),
    server_time: z.string(),
    user_id: z.uuid(),
    /** Where a client that starts following now begins. */
    cursor: z.string().nullable(),
  })
  .meta({ id: 'SyncStatus' });

export const snapshotEntryResponse = z
  .object({
    type: z.enum(['file', 'folder']),
    id: z.uuid(),
    name: z.string(),
    /** A file's folder, or a folder's parent; null at the owner's root. */
    parent_id: z.uuid().nullable(),
    owner_id: z.uuid(),
    /** `owner`, or the strongest share that reaches the caller now. */
    permission: z.enum(['owner', ...SHARE_PERMISSIONS]),
    size: z.int().min(0).nullable(),
    mime_type: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: 'SyncSnapshotEntry' });

export type SnapshotEntry = z.infer<typeof snapshotEntryResponse>;

export const snapshotResponse = pageSchema(snapshotEntryResponse)
  .extend({
    /** Follow the feed from here (`/sync/updates?cursor=`): it was taken before the first page was read, so nothing is missed. */
    sync_cursor: z.string().nullable(),
  })
  .meta({ id: 'SyncSnapshot' });
