import { z } from 'zod';
import { streamName } from '../../commands/pipeline';
import type { Actor } from '../../domain/access/accessPolicy';
import { seesGrantOf } from '../../domain/access/accessPolicy';
import { PUBLIC_EVENT_NAMES, redactSecrets } from '../../domain/publicEvents';
import { shareEventPrincipal } from '../../domain/share/shareEvents';
import type { EventStore, RecordedEvent } from '../../ports/eventStore';
import type { ApiServices } from '../apiServices';
import { ApiError } from '../http/apiError';
import { cursorParam, limitParam, pageSchema } from '../http/pagination';
import { idParams, route } from '../http/route';
import type { Route } from '../http/route';
import { findAccessibleFile } from '../../projections/files/fileQueries';
import { historyEntryResponse } from './fileViews';
import { snakeCaseKeys } from '../http/snakeCaseKeys';
import type { HistoryBound } from '../../commands/history/foldAsOf';
import { isWithin } from '../../commands/history/foldAsOf';
import { asOfParam, asOfResponses } from '../history/asOf';
import { fileAsOf } from './fileAsOf';

const historyQuery = z.strictObject({ limit: limitParam(), cursor: cursorParam, as_of: asOfParam.optional() });

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
  (actor: Actor, ownerId: string | null) =>
  (event: RecordedEvent): boolean => {
    const principalId = shareEventPrincipal(event);
    return principalId === null || seesGrantOf(actor, { ownerId }, principalId);
  };

const everyEvent = (): boolean => true;

/**
 * The first `wanted` events from `from` that are shown, or all that are left up to the first event past
 * `within` (the end of an as_of history); batches grow while events are left out.
 */
async function readShown(
  eventStore: EventStore,
  stream: string,
  from: bigint,
  wanted: number,
  shown: (event: RecordedEvent) => boolean,
  within: (event: RecordedEvent) => boolean,
): Promise<RecordedEvent[]> {
  const kept: RecordedEvent[] = [];
  for (let next = from, batch = wanted; ; batch = Math.min(batch * 2, MAX_READ_BATCH)) {
    const events = await eventStore.readStream(stream, { from: next, limit: batch });
    const beyond = events.findIndex((event) => !within(event));
    kept.push(...(beyond === -1 ? events : events.slice(0, beyond)).filter(shown));
    const last = events[events.length - 1];
    if (kept.length >= wanted || events.length < batch || beyond !== -1 || last === undefined) return kept.slice(0, wanted);
    next = last.revision + 1n;
  }
}

export function historyRoute(services: ApiServices): Route {
  const { readStore, eventStore } = services;

  /** Which of the file's events the actor reads: the live file's, or with a bound those up to it (whoever may read it as of then). */
  const readableHistory = async (actor: Actor, fileId: string, bound: HistoryBound | undefined) => {
    if (bound === undefined) {
      const file = await findAccessibleFile(readStore, actor, fileId);
      return { shown: shownTo(actor, file.owner_id), within: everyEvent };
    }
    const { folded, reader } = await fileAsOf(services, actor, fileId, bound);
    return { shown: reader === 'every_stream' ? everyEvent : shownTo(actor, folded.state.ownerId), within: isWithin(bound) };
  };
  return route({
    method: 'get',
    path: '/files/:id/history',
    tag: 'files',
    access: 'files.read',
    summary:
      "The file's own events, oldest first (to anyone but the owner or an auditor, without the share events about other grantees); with as_of, those up to then, of a deleted file too",
    params: idParams,
    query: historyQuery,
    responses: {
      200: { description: 'A page of events', schema: pageSchema(historyEntryResponse) },
      ...asOfResponses,
      404: { description: 'No such file (with as_of: not yet created then, or not yours to read as of then)' },
    },
    async handler({ params, query, principal }) {
      const { shown, within } = await readableHistory(principal, params.id, query.as_of);
      const events = await readShown(eventStore, streamName('file', params.id), fromRevision(query.cursor), query.limit + 1, shown, within);
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
