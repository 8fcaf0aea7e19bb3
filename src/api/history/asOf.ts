import { z } from 'zod';
import type { HistoryBound } from '../../commands/history/foldAsOf';
import type { RecordedEvent } from '../../ports/eventStore';
import { isPosition } from '../../ports/eventStore';
import { ApiError } from '../http/apiError';
import { instant } from '../http/timeWindow';

const AS_OF_SHAPE = 'must be a log position (as X-Filora-Position answers it) or an ISO 8601 time with its offset';

/** `?as_of=`: a log position or an ISO 8601 time with its offset, read as a HistoryBound. */
export const asOfParam = z
  .string()
  .meta({ description: `The point in the past to answer as of: ${AS_OF_SHAPE.slice('must be '.length)}` })
  .transform((value, context): HistoryBound => {
    if (isPosition(value)) return { position: value };
    if (instant.safeParse(value).success) return { time: new Date(value) };
    context.addIssue({ code: 'custom', message: AS_OF_SHAPE });
    return z.NEVER;
  });

/** The answers a read taking as_of adds to its own, for the OpenAPI document. */
export const asOfResponses = {
  400: { description: 'as_of is neither a position nor a time, or a position the log has not written' },
  503: { description: "With as_of, a grantee's access history has not reached the bound yet; try again after Retry-After" },
};

/** The query of a read that may look into the past. */
export const asOfQuery = z.strictObject({ as_of: asOfParam.optional() });

/** A position past the head was never written: there is no past to answer for it. */
export async function requireWrittenBound(bound: HistoryBound, headPosition: () => Promise<string | null>): Promise<void> {
  if (!('position' in bound)) return;
  if (bound.position > ((await headPosition()) ?? '')) {
    throw new ApiError('validation_error', 'as_of is ahead of the event log', [
      { path: 'query.as_of', message: 'expected a position the log has written' },
    ]);
  }
}

export const asOfResponse = z
  .object({
    /** The log position of the last event folded into the answer. */
    position: z.string(),
    /** That event's time. */
    time: z.string(),
  })
  .meta({ id: 'AsOf' });

/** What an answer as of a bound adds to the resource's usual fields. */
export const asOfFields = {
  deleted: z.boolean(),
  deleted_at: z.string().nullable(),
  as_of: asOfResponse,
};

export const presentAsOf = (last: RecordedEvent): z.infer<typeof asOfResponse> => ({
  position: last.position,
  time: last.createdAt.toISOString(),
});
