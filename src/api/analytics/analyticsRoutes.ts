import { notFound } from '../../domain/shared/domainError';
import type { Series } from '../../projections/analytics/denseSeries';
import { readDashboard } from '../../projections/analytics/dashboardQuery';
import type { Dashboard } from '../../projections/analytics/dashboards';
import { REQUEST_DASHBOARDS } from '../../projections/analytics/dashboards';
import type { BucketRange } from '../../projections/analytics/timeBuckets';
import { rangeEnd } from '../../projections/analytics/timeBuckets';
import { findOwnedToken } from '../../projections/tokens/tokenQueries';
import type { ReadStore } from '../../ports/readStore';
import type { ApiServices } from '../apiServices';
import { ApiError } from '../http/apiError';
import { route } from '../http/route';
import type { Route } from '../http/route';
import { makeOwnUsageVisible } from '../usage/ownUsageVisible';
import { requestsOfToken, requestsOfUser } from '../usage/usageSubject';
import { dashboardData, dashboardParams, dashboardQuery } from './analyticsSchemas';
import { bucketRangeOf } from './dateRangeParam';

const iso = (time: number) => new Date(time).toISOString();

function present(dashboard: Dashboard, range: BucketRange, tokenId: string | null, series: readonly Series[]) {
  return {
    dashboard,
    date_range: { from: iso(range.from), to: iso(rangeEnd(range)) },
    granularity: range.granularity,
    filters: { token: tokenId },
    series: series.map(({ name, unit, aggregation, points }) => ({ name, unit, aggregation, points })),
    totals: Object.fromEntries(series.map(({ name, total }) => [name, total])),
  };
}

/** A token filter applies to the request dashboards, and names one of the caller's tokens (another's is a 404). */
async function requireTokenFilterAllowed(
  readStore: ReadStore,
  userId: string,
  dashboard: Dashboard,
  tokenId: string | null,
): Promise<void> {
  if (tokenId === null) return;
  if (!REQUEST_DASHBOARDS.includes(dashboard))
    throw new ApiError('validation_error', 'the request query is not valid', [
      { path: 'query.filters.token', message: `requests are counted per token on the ${REQUEST_DASHBOARDS.join(', ')} dashboard only` },
    ]);
  if (!(await findOwnedToken(readStore, userId, tokenId))) throw notFound('token not found');
}

export function analyticsRoutes(services: ApiServices): Route[] {
  return [
    route({
      method: 'get',
      path: '/analytics/dashboards/:dashboard/data',
      tag: 'analytics',
      access: 'audit.read',
      summary: "Your dashboard's time series (storage, activity or api-usage), by the hour or by the day",
      params: dashboardParams,
      query: dashboardQuery,
      responses: {
        200: { description: 'One point per bucket of the range for each series, and their totals', schema: dashboardData },
        404: { description: 'The token of the token filter is not one of yours' },
      },
      async handler({ params, query, principal, res }) {
        await requireTokenFilterAllowed(services.readStore, principal.userId, params.dashboard, query.tokenId);
        // The requests this process served a moment ago may still be in its usage recorder: the caller's (or the token's) go out first.
        if (REQUEST_DASHBOARDS.includes(params.dashboard))
          await makeOwnUsageVisible(
            services.usage,
            query.tokenId === null ? requestsOfUser(principal.userId) : requestsOfToken(query.tokenId),
            services.progress,
            services.limits.readWaitMaxMs,
            res,
          );
        const range = bucketRangeOf(query.dateRange, query.granularity, new Date());
        const series = await readDashboard(services.readStore, {
          userId: principal.userId,
          dashboard: params.dashboard,
          range,
          tokenId: query.tokenId,
        });
        return { status: 200, body: present(params.dashboard, range, query.tokenId, series) };
      },
    }),
  ];
}
