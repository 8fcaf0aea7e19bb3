import { percentileMs } from '../../domain/usage/latencyHistogram';
import { periodRange } from '../../projections/analytics/timeBuckets';
import { summariseUsage } from '../../projections/usage/usageStatsQuery';
import type { UsageCounts } from '../../projections/usage/usageStatsView';
import { errorsOf } from '../../projections/usage/usageStatsView';
import type { ApiServices } from '../apiServices';
import { route } from '../http/route';
import type { Route } from '../http/route';
import { makeOwnUsageVisible } from './ownUsageVisible';
import { requestsOfUser } from './usageSubject';
import { integrationStatsQuery, integrationStatsResponse } from './usageSchemas';

/** What every line of the statistics says: requests, errors, error rate (4 decimals) and latency. */
function figures(counts: UsageCounts) {
  const errors = errorsOf(counts);
  return {
    requests: counts.requests,
    errors,
    error_rate: counts.requests === 0 ? 0 : Math.round((errors / counts.requests) * 10_000) / 10_000,
    latency_ms: { p50: percentileMs(counts.latency, 0.5), p95: percentileMs(counts.latency, 0.95) },
  };
}

const dayOf = (at: Date): string => at.toISOString().slice(0, 10);

/** GET /integrations/stats: the caller's own API usage over a period, by the UTC day (see PERIOD_DAYS). */
export function integrationStatsRoute(services: ApiServices): Route {
  const { readStore, progress, limits, usage } = services;
  return route({
    method: 'get',
    path: '/integrations/stats',
    aliases: ['/api/integrations/stats'],
    tag: 'tokens',
    access: 'audit.read',
    summary: 'Your API usage over a period: totals, a series by day, top tokens and routes, error rate and latency',
    query: integrationStatsQuery,
    responses: { 200: { description: 'Usage statistics of your requests', schema: integrationStatsResponse } },
    async handler({ query, principal, res }) {
      await makeOwnUsageVisible(usage, requestsOfUser(principal.userId), progress, limits.readWaitMaxMs, res);
      const to = new Date();
      const from = new Date(periodRange(query.period, 'day', to).from);
      const summary = await summariseUsage(readStore, principal.userId, dayOf(from), dayOf(to));
      const { totals } = summary;
      return {
        status: 200,
        body: {
          period: query.period,
          from: from.toISOString(),
          to: to.toISOString(),
          totals: { ...figures(totals), bytes_in: totals.bytes_in, bytes_out: totals.bytes_out, by_status_class: totals.by_status_class },
          by_day: summary.byDay.map(({ day, counts }) => ({ day, ...figures(counts) })),
          top_tokens: summary.topTokens.map(({ tokenId, counts }) => ({ token_id: tokenId, ...figures(counts) })),
          top_routes: summary.topRoutes.map(({ method, route: template, counts }) => ({ method, route: template, ...figures(counts) })),
        },
      };
    },
  });
}
