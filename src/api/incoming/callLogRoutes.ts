import { z } from 'zod';
import type { IncomingCallRow } from '../../incoming/incomingPorts';
import { INCOMING_WEBHOOK_CALLS } from '../../incoming/incomingPorts';
import { CALL_LIST_SORT, callsFilter } from '../../projections/incoming/incomingCallQueries';
import type { ApiServices } from '../apiServices';
import { cursorParam, findPage, limitParam, pageSchema } from '../http/pagination';
import { idParams, route } from '../http/route';
import type { Route } from '../http/route';
import { instant, untilNotBeforeSince } from '../http/timeWindow';
import { CALL_LOG_OUTCOMES, callLogRowResponse, presentCallRow } from './callLogViews';
import { incomingWebhookRoute } from './incomingWebhookRouteBase';
import { requireOwnedIncomingWebhook } from './requireOwnedIncomingWebhook';

export const callLogQuery = z
  .strictObject({
    outcome: z.enum(CALL_LOG_OUTCOMES).optional(),
    since: instant.optional().meta({ description: 'Only calls received at or after this time.' }),
    until: instant.optional().meta({ description: 'Only calls received at or before this time.' }),
    limit: limitParam(),
    cursor: cursorParam,
  })
  .superRefine(untilNotBeforeSince);

const optionalDate = (value: string | undefined) => (value === undefined ? undefined : new Date(value));

/** GET /incoming-webhooks/{id}/logs: the hook's calls, newest first, by outcome and time received. */
export function callLogRoutes({ readStore }: ApiServices): Route[] {
  return [
    route({
      method: 'get',
      ...incomingWebhookRoute('/:id/logs'),
      summary: 'An incoming webhook’s calls, newest first, by outcome and time received',
      params: idParams,
      query: callLogQuery,
      responses: {
        200: { description: 'A page of calls', schema: pageSchema(callLogRowResponse) },
        404: { description: 'No such incoming webhook' },
      },
      async handler({ params, query, principal }) {
        await requireOwnedIncomingWebhook(readStore, principal.userId, params.id);
        const filter = callsFilter(params.id, {
          outcome: query.outcome,
          since: optionalDate(query.since),
          until: optionalDate(query.until),
        });
        const options = { sort: CALL_LIST_SORT, limit: query.limit, cursor: query.cursor };
        const page = await findPage<IncomingCallRow, z.infer<typeof callLogRowResponse>>(
          readStore,
          INCOMING_WEBHOOK_CALLS,
          filter,
          options,
          presentCallRow,
        );
        return { status: 200, body: page };
      },
    }),
  ];
}
