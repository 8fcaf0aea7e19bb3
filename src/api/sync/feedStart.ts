import type { Position } from '../../ports/eventStore';
import { positionOfCursor } from '../../sync/feedCursor';
import type { FeedWindow } from '../../sync/feedWindow';
import { ApiError } from '../http/apiError';

/** Where a feed request starts: after a position, skipping events before `notBefore` (a `since=` start). */
export interface FeedStart {
  after: Position | null;
  notBefore?: Date;
}

const SNAPSHOT_HINT = 'take a snapshot (GET /api/v1/sync/snapshot) and follow the feed from its sync_cursor';

/**
 * The position of a cursor the feed can continue from: 400 for a malformed one (naming `field`, where the
 * client sent it), 410 `reset` for one too old or ahead of the log.
 */
export async function continuableCursor(window: FeedWindow, cursor: string, field = 'query.cursor'): Promise<Position> {
  const position = positionOfCursor(cursor);
  if (position === null)
    throw new ApiError('validation_error', 'the cursor is not valid', [
      { path: field, message: 'use a next_cursor or cursor the feed gave' },
    ]);
  const verdict = await window.verdictOf(position);
  if (verdict === 'expired')
    throw new ApiError('reset', `the cursor is older than the feed keeps (${window.retentionDays} days): ${SNAPSHOT_HINT}`);
  if (verdict === 'ahead') throw new ApiError('reset', `the cursor is ahead of this server's event log: ${SNAPSHOT_HINT}`);
  return position;
}

export async function feedStartOf(window: FeedWindow, query: { cursor?: string; since?: string }): Promise<FeedStart> {
  if (query.cursor !== undefined) return { after: await continuableCursor(window, query.cursor) };
  const since = new Date(query.since!);
  const start = await window.startOfSince(since);
  if (start.verdict === 'expired')
    throw new ApiError('reset', `since is older than the feed keeps (${window.retentionDays} days): ${SNAPSHOT_HINT}`);
  return { after: start.after, notBefore: since };
}
