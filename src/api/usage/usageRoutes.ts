import type { z } from 'zod';
import { percentileMs } from '../../domain/usage/latencyHistogram';
import { notFound } from '../../domain/shared/domainError';
import type { Filter } from '../../ports/readStore';
import { findOwnedToken } from '../../projections/tokens/tokenQueries';
import { retentionCutoff } from '../../projections/usage/usageRequestRetention';
import type { UsageRequestView } from '../../projections/usage/usageRequestView';
import { USAGE_REQUESTS } from '../../projections/usage/usageRequestView';
import { summariseUsage } from '../../projections/usage/usageStatsQuery';
import type { UsageCounts } from '../../projections/usage/usageStatsView';
import { errorsOf } from '../../projections/usage/usageStatsView';
import type { ApiServices } from '../apiServices';
import { findPage, pageSchema } from '../http/pagination';
import { idParams, route } from '../http/route';
import type { Route } from '../http/route';
import { makeOwnUsageVisible } from './ownUsageVisible';
import type { TokenLogsQuery } from './usageSchemas';
import { integrationStatsQuery, integrationStatsResponse, tokenLogsQuery, USAGE_PERIODS, usageRequestResponse } from './usageSchemas';

const API_PATHS = '/api/';
const VERSIONED_BASE = '/api/v1';
const DAY_MS = 24 * 3600 * 1000;

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
  if (query.path !== undefined) filter.path = { $prefix: query.path.startsWith(API_PATHS) ? query.path : `${VERSIONED_BASE}${query.path}` };
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

function figures(counts: UsageCounts) {
  const errors = errorsOf(counts);
  return {
    requests: counts.requests,
    errors,
    error_rate: counts.requests === 0 ? 0 : Math.round((errors / counts.requests) * 10_000) / 10_000,
    latency_ms: { p50: percentileMs(counts.latency, 0.5), p95: percentileMs(counts.latency, 0.95) },
  };
}

const startOfDay = (at: Date): Date => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));

/** GET /tokens/:id/logs and GET /integrations/stats: the request log and usage statistics (issue 10, usage logs). */
export function usageRoutes(services: ApiServices): Route[] {
  const { readStore, progress, limits, usage } = services;
  const ownUsageVisible = (res: Parameters<typeof makeOwnUsageVisible>[3]) =>
    makeOwnUsageVisible(usage, progress, limits.readWaitMaxMs, res);

  return [
    route({
      method: 'get',
      path: '/tokens/:id/logs',
      aliases: ['/api-keys/:id/logs', '/api/integrations/tokens/:id/logs'],
      tag: 'tokens',
      access: 'session',
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
        await ownUsageVisible(res);
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
    }),
    route({
      method: 'get',
      path: '/integrations/stats',
      aliases: ['/api/integrations/stats'],
      tag: 'tokens',
      access: 'user',
      summary: 'Your API usage over a period: totals, a series by day, top tokens and routes, error rate and latency',
      query: integrationStatsQuery,
      responses: { 200: { description: 'Usage statistics of your requests', schema: integrationStatsResponse } },
      async handler({ query, principal, res }) {
        await ownUsageVisible(res);
        const to = new Date();
        const from = startOfDay(new Date(to.getTime() - USAGE_PERIODS[query.period] * DAY_MS));
        const day = (at: Date) => at.toISOString().slice(0, 10);
        const summary = await summariseUsage(readStore, principal.userId, day(from), day(to));
        const totals = summary.totals;
        return {
          status: 200,
          body: {
            period: query.period,
            from: from.toISOString(),
            to: to.toISOString(),
            totals: { ...figures(totals), bytes_in: totals.bytes_in, bytes_out: totals.bytes_out, by_status_class: totals.by_status_class },
            by_day: summary.byDay.map(({ day: date, counts }) => ({ day: date, ...figures(counts) })),
            top_tokens: summary.topTokens.map(({ tokenId, counts }) => ({ token_id: tokenId, ...figures(counts) })),
            top_routes: summary.topRoutes.map(({ method, route: template, counts }) => ({ method, route: template, ...figures(counts) })),
          },
        };
      },
    }),
  ];
}
