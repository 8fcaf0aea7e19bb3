import { z } from 'zod';
import { DEFAULT_PERIOD, PERIODS } from '../../projections/analytics/timeBuckets';
import { PERIOD_MEANING } from '../analytics/dateRangeParam';
import { cursorParam, limitParam } from '../http/pagination';

const count = z.int().min(0);

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** `404`, or a class: `4xx`. Kept as a range of codes, the way the request log is filtered. */
const statusFilter = z
  .string()
  .regex(/^[1-5](?:[0-9]{2}|xx)$/i, 'must be a status code like 404 or a class like 4xx')
  .transform((value) => {
    const hundreds = Number(value[0]) * 100;
    return /xx$/i.test(value) ? { from: hundreds, to: hundreds + 99 } : { from: Number(value), to: Number(value) };
  })
  .meta({ description: 'A status code (`404`) or a class (`4xx`).' });

const methodFilter = z
  .string()
  .regex(new RegExp(`^(?:${HTTP_METHODS.join('|')})$`, 'i'), `must be one of ${HTTP_METHODS.join(', ')}`)
  .transform((value) => value.toUpperCase());

const pathFilter = z.string().min(1).max(1024).startsWith('/', 'must start with /').meta({
  description:
    'A prefix of the request path (without its query string), compared regardless of letter case. A value not starting with `/api/` is taken below `/api/v1`: `/files` matches `/api/v1/files` and `/api/v1/files/…`.',
});

const instant = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value).toISOString())
  .meta({ description: 'An ISO 8601 date and time with a zone (`2026-01-31T12:00:00Z`).' });

export const tokenLogsQuery = z
  .strictObject({
    status: statusFilter.optional(),
    method: methodFilter.optional(),
    path: pathFilter.optional(),
    since: instant.optional().meta({ description: 'Requests that arrived at or after this instant.' }),
    until: instant.optional().meta({ description: 'Requests that arrived before this instant.' }),
    limit: limitParam(),
    cursor: cursorParam,
  })
  .refine((query) => query.since === undefined || query.until === undefined || query.since < query.until, {
    message: 'must be after since',
    path: ['until'],
  });
export type TokenLogsQuery = z.infer<typeof tokenLogsQuery>;

export const integrationStatsQuery = z.strictObject({
  period: z
    .enum(PERIODS)
    .default(DEFAULT_PERIOD)
    .meta({ description: `${PERIOD_MEANING}. Counted by the UTC day, so \`24h\` is today.` }),
});

const latency = z
  .object({
    p50: z.number().min(0).nullable(),
    p95: z.number().min(0).nullable(),
  })
  .meta({
    id: 'UsageLatency',
    description:
      'Milliseconds, from a log-scale histogram: each is the upper bound of its bucket, at least the exact percentile and under 19% above it; null without requests.',
  });

const statusClassCounts = z.object({ '2xx': count, '3xx': count, '4xx': count, '5xx': count });

const usageFigures = {
  requests: count,
  errors: count.meta({ description: 'Requests answered 4xx or 5xx.' }),
  error_rate: z.number().min(0).max(1).meta({ description: 'errors / requests; 0 without requests.' }),
  latency_ms: latency,
};

export const usageRequestResponse = z
  .object({
    request_id: z.string(),
    at: z.string().meta({ description: 'When the request arrived.' }),
    method: z.string(),
    route: z.string().meta({ description: 'The route template (`/files/:id`), or the path when no route matched.' }),
    route_matched: z.boolean(),
    path: z.string().meta({ description: 'The path as requested, without the query string.' }),
    status: z.int().min(100).max(599).meta({ description: '499 when the client closed the connection before any answer.' }),
    duration_ms: z.number().min(0),
    bytes_in: count.meta({ description: 'The request as read off the connection: request line, headers and body.' }),
    bytes_out: count.meta({ description: 'The response as written to the connection: status line, headers and body.' }),
    completed: z.boolean().meta({ description: 'False when the connection closed before the response was complete.' }),
    ip: z.string().nullable(),
    user_agent: z.string().nullable(),
    token_id: z.uuid().nullable(),
  })
  .meta({ id: 'UsageRequest' });

export const integrationStatsResponse = z
  .object({
    period: z.enum(PERIODS),
    from: z.string().meta({ description: 'Start of the first day of the period (UTC).' }),
    to: z.string().meta({ description: 'When the statistics were read.' }),
    totals: z.object({
      ...usageFigures,
      bytes_in: count,
      bytes_out: count,
      by_status_class: statusClassCounts,
    }),
    by_day: z.array(z.object({ day: z.string().meta({ description: 'YYYY-MM-DD, UTC' }), ...usageFigures })),
    top_tokens: z.array(z.object({ token_id: z.uuid(), ...usageFigures })),
    top_routes: z.array(
      z.object({
        method: z.string(),
        route: z.string().nullable().meta({ description: 'null gathers the requests no route matched.' }),
        ...usageFigures,
      }),
    ),
  })
  .meta({ id: 'IntegrationStats' });
