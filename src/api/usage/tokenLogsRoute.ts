import type { z } from 'zod';
import { notFound } from '../../domain/shared/domainError';
import type { Filter } from '../../ports/readStore';
import { findOwnedToken } from '../../projections/tokens/tokenQueries';
import { retentionCutoff } from '../../projections/usage/usageRequestRetention';
import type { UsageRequestView } from '../../projections/usage/usageRequestView';
import { USAGE_REQUESTS } from '../../projections/usage/usageRequestView';
import { tokenRoute } from '../tokens/tokenRoute';
import type { ApiServices } from '../apiServices';
import { findPage, pageSchema } from '../http/pagination';
import { API_BASE, idParams, route, SEED_API_BASE } from '../http/route';
import type { Route } from '../http/route';
import { makeOwnUsageVisible } from './ownUsageVisible';
import { requestsOfToken } from './usageSubject';
import type { TokenLogsQuery } from './usageSchemas';
import { tokenLogsQuery, usageRequestResponse } from './usageSchemas';

/** The request log's filter for one token: the query's filters, and never older than the retention. */
function logFilter(userId: string, tokenId: string, query: TokenLogsQuery, oldestKept: string): Filter {
  const since = query.since !== undefined && query.since > oldestKept ? query.since : oldestKept;
  const filter: Filter = {
    user_id: userId,
    token_id: tokenId,
    at: { $gte: since, ...(query.until !== undefined && { $lt: query.until }) },
  };
  if (query.status !== undefined) filter.status = { $gte: query.status.from, $lte: query.status.to };
  if (query.method !== undefined) filter.method = query.method;
  if (query.path !== undefined)
    filter.path = { $prefix: query.path.startsWith(`${SEED_API_BASE}/`) ? query.path : `${API_BASE}${query.path}` };
  return filter;
}

const presentRequest = (row: UsageRequestView): z.infer<typeof usageRequestResponse> => ({
  request_id: row.request_id,
  at: row.at,
  method: row.method,
  route: row.route,
  route_matched: row.route_matched,
  path: row.path,
  status: row.status,
  duration_ms: row.duration_ms,
  bytes_in: row.bytes_in,
  bytes_out: row.bytes_out,
  completed: row.completed,
  ip: row.ip,
  user_agent: row.user_agent,
  token_id: row.token_id,
});

/** GET /tokens/:id/logs: one of the caller's tokens' requests from the request log, newest first. */
export function tokenLogsRoute(services: ApiServices): Route {
  const { readStore, progress, limits, usage } = services;
  return route({
    method: 'get',
    ...tokenRoute('/:id/logs'),
    summary: "A token's requests, newest first: filter by status, method, path and time",
    params: idParams,
    query: tokenLogsQuery,
    responses: {
      200: {
        description: `A page of the token's requests (kept FILORA_USAGE_RETENTION_DAYS days)`,
        schema: pageSchema(usageRequestResponse),
      },
      404: { description: 'No such token' },
    },
    async handler({ params, query, principal, res }) {
      if (!(await findOwnedToken(readStore, principal.userId, params.id))) throw notFound('token not found');
      await makeOwnUsageVisible(usage, requestsOfToken(params.id), progress, limits.readWaitMaxMs, res);
      const oldestKept = retentionCutoff(new Date(), limits.usageRetentionDays);
      const page = await findPage(
        readStore,
        USAGE_REQUESTS,
        logFilter(principal.userId, params.id, query, oldestKept),
        { sort: [['at', -1]], limit: query.limit, cursor: query.cursor },
        presentRequest,
      );
      return { status: 200, body: page };
    },
  });
}
