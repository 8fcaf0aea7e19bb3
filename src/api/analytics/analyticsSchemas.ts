import { z } from 'zod';
import { DASHBOARD_NAMES, DASHBOARDS, SERIES } from '../../projections/analytics/dashboards';
import type { SeriesName } from '../../projections/analytics/dashboards';
import { DEFAULT_PERIOD, GRANULARITIES, MAX_DAYS } from '../../projections/analytics/timeBuckets';
import { dateRangeParam, daysOf, defaultGranularity } from './dateRangeParam';
import { filtersParam } from './filtersParam';

export const dashboardParams = z.strictObject({
  dashboard: z.enum(DASHBOARD_NAMES).meta({
    description: Object.entries(DASHBOARDS)
      .map(([dashboard, series]) => `\`${dashboard}\`: ${series.join(', ')}`)
      .join('; '),
  }),
});

export const dashboardQuery = z
  .strictObject({
    date_range: dateRangeParam.prefault(DEFAULT_PERIOD),
    filters: filtersParam.default({}),
  })
  .transform(({ date_range: dateRange, filters }) => ({
    dateRange,
    granularity: filters.granularity ?? defaultGranularity(dateRange),
    tokenId: filters.token ?? null,
  }))
  .superRefine(({ dateRange, granularity }, ctx) => {
    if (daysOf(dateRange) > MAX_DAYS[granularity])
      ctx.addIssue({
        code: 'custom',
        path: ['date_range'],
        message: `a series by the ${granularity} covers at most ${MAX_DAYS[granularity]} days`,
      });
  });
export type DashboardQueryInput = z.infer<typeof dashboardQuery>;

const seriesNames = Object.keys(SERIES) as [SeriesName, ...SeriesName[]];
const bucketStart = z.iso.datetime().meta({ description: 'Start of the bucket (UTC)' });

const analyticsSeries = z
  .object({
    name: z.enum(seriesNames).meta({
      description: Object.entries(SERIES)
        .map(([name, { description }]) => `\`${name}\`: ${description}`)
        .join('. '),
    }),
    unit: z.enum(['count', 'bytes']),
    aggregation: z.enum(['sum', 'level']).meta({ description: '`sum`: what happened in the bucket; `level`: the value at its end' }),
    points: z
      .array(z.object({ at: bucketStart, value: z.int().min(0) }))
      .meta({ description: 'One per bucket, oldest first, zeros included' }),
  })
  .meta({ id: 'AnalyticsSeries' });

export const dashboardData = z
  .object({
    dashboard: z.enum(DASHBOARD_NAMES),
    date_range: z.object({
      from: z.iso.datetime().meta({ description: 'Start of the first bucket' }),
      to: z.iso.datetime().meta({ description: 'End of the last bucket (excluded)' }),
    }),
    granularity: z.enum(GRANULARITIES),
    filters: z.object({ token: z.uuid().nullable() }),
    series: z.array(analyticsSeries),
    totals: z
      .partialRecord(z.enum(seriesNames), z.int().min(0))
      .meta({ description: "Each series' sum over the range; for a level, its value at the end of the range" }),
  })
  .meta({ id: 'DashboardData' });
