import { z } from 'zod';
import { streamName } from '../../commands/pipeline';
import type { Actor } from '../../domain/access/accessPolicy';
import { seesGrantOf } from '../../domain/access/accessPolicy';
import { PUBLIC_EVENT_NAMES, redactSecrets } from '../../domain/publicEvents';
import { shareEventPrincipal } from '../../domain/share/shareEvents';
import type { EventStore, RecordedEvent } from '../../ports/eventStore';
import type { FileView } from '../../projections/files/fileViews';
import type { ApiServices } from '../apiServices';
import { ApiError } from '../http/apiError';
import { cursorParam, limitParam, pageSchema } from '../http/pagination';
import { idParams, route } from '../http/route';
import type { Route } from '../http/route';
import { findAccessibleFile } from '../../projections/files/fileQueries';
import { historyEntryResponse } from './fileViews';
import { snakeCaseKeys } from '../http/snakeCaseKeys';

const historyQuery = z.strictObject({ limit: limitParam(), cursor: cursorParam });

const revisionCursor = z.object({ revision: z.number().int().min(0) });

function fromRevision(cursor: string | undefined): bigint {
  if (cursor === undefined) return 0n;
  try {
    return BigInt(revisionCursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))).revision) + 1n;
  } catch {
    throw new ApiError('validation_error', 'the cursor is not valid', [
      { path: 'query.cursor', message: 'use next_cursor from a previous page' },
    ]);
  }
}

const cursorAfter = (event: RecordedEvent) => Buffer.from(JSON.stringify({ revision: Number(event.revision) })).toString('base64url');

/** Only what the event says about the file, never secrets, and of the metadata only who acted. */
const presentEvent = (event: RecordedEvent): z.infer<typeof historyEntryResponse> => ({
  id: event.id,
  type: event.type,
  event: PUBLIC_EVENT_NAMES[event.type] ?? null,
  revision: Number(event.revision),
  created_at: event.createdAt.toISOString(),
  actor_id: event.metadata.actor ?? null,
  data: snakeCaseKeys(redactSecrets(event.data)),
});

const MAX_READ_BATCH = 1000;

/** Every event but the share events about other grantees, whom only the owner may know of (as GET /files/:id/shares). */
const shownTo =
  (actor: Actor, file: FileView) =>
  (event: RecordedEvent): boolean => {
    const principalId = shareEventPrincipal(event);
    return principalId === null || seesGrantOf(actor, { ownerId: file.owner_id }, principalId);
  };

/** The first `wanted` events from `from` that are shown, or all that are left; batches grow while events are left out. */
async function readShown(
  eventStore: EventStore,
  stream: string,
  from: bigint,
  wanted: number,
  shown: (event: RecordedEvent) => boolean,
): Promise<RecordedEvent[]> {
  const kept: RecordedEvent[] = [];
  for (let next = from, batch = wanted; ; batch = Math.min(batch * 2, MAX_READ_BATCH)) {
    const events = await eventStore.readStream(stream, { from: next, limit: batch });
    kept.push(...events.filter(shown));
    const last = events[events.length - 1];
    if (kept.length >= wanted || events.length < batch || last === undefined) return kept.slice(0, wanted);
    next = last.revision + 1n;
  }
}

export function historyRoute(services: ApiServices): Route {
  const { readStore, eventStore } = services;
  return route({
    method: 'get',
    path: '/files/:id/history',
    tag: 'files',
    access: 'files.read',
    summary: "The file's own events, oldest first (to anyone but the owner, without the share events about other grantees)",
    params: idParams,
    query: historyQuery,
    responses: { 200: { description: 'A page of events', schema: pageSchema(historyEntryResponse) }, 404: { description: 'No such file' } },
    async handler({ params, query, principal }) {
      const file = await findAccessibleFile(readStore, principal, params.id);
      const events = await readShown(
        eventStore,
        streamName('file', params.id),
        fromRevision(query.cursor),
        query.limit + 1,
        shownTo(principal, file),
      );
      const data = events.slice(0, query.limit);
      const hasMore = events.length > query.limit;
      const last = data[data.length - 1];
      return {
        status: 200,
        body: {
          data: data.map(presentEvent),
          page: { limit: query.limit, next_cursor: hasMore && last ? cursorAfter(last) : null, has_more: hasMore },
        },
      };
    },
  });
}
