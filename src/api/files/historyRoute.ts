import { z } from 'zod';
import { streamName } from '../../commands/pipeline';
import { PUBLIC_EVENT_NAMES, redactSecrets } from '../../domain/publicEvents';
import type { RecordedEvent } from '../../ports/eventStore';
import type { ApiServices } from '../apiServices';
import { ApiError } from '../http/apiError';
import { cursorParam, limitParam, pageSchema } from '../http/pagination';
import { idParams, route } from '../http/route';
import type { Route } from '../http/route';
import { findAccessibleFile } from '../../projections/files/fileQueries';
import { historyEntryResponse } from './fileViews';

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

const snakeCase = (key: string) => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** Event data is camelCase (the domain's); the API answers snake_case. Keys change at every depth, values never. */
function snakeCaseKeys(data: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [snakeCase(key), snakeCaseValue(value)]));
}

const snakeCaseValue = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(snakeCaseValue) : typeof value === 'object' && value !== null ? snakeCaseKeys(value) : value;

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

export function historyRoute(services: ApiServices): Route {
  const { readStore, eventStore } = services;
  return route({
    method: 'get',
    path: '/files/:id/history',
    tag: 'files',
    access: 'files.read',
    summary: "The file's own events, oldest first",
    params: idParams,
    query: historyQuery,
    responses: { 200: { description: 'A page of events', schema: pageSchema(historyEntryResponse) }, 404: { description: 'No such file' } },
    async handler({ params, query, principal }) {
      await findAccessibleFile(readStore, principal, params.id);
      const events = await eventStore.readStream(streamName('file', params.id), {
        from: fromRevision(query.cursor),
        limit: query.limit + 1,
      });
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
