import type { Response } from 'express';
import type { Registry } from 'prom-client';
import { Counter, Histogram } from 'prom-client';
import { registeredOnce } from '../../shared/metricsRegistry';
import { statusOf } from '../usage/recordUsage';
import type { AnsweredRequestObserver } from './accessLog';

const METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const UNMATCHED = 'unmatched';
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * Counts every request and times it, labelled by method, the route's template (what mountRoutes put in
 * `res.locals.route`: `/files/:id`, never the path itself) and status. Every label has few values: a
 * request no route took is `unmatched`, an unknown method `OTHER`, so no client can grow the series.
 * Called by the access log's listener (accessLog's `observe`).
 */
export function httpMetrics(registry: Registry): AnsweredRequestObserver {
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = registeredOnce(
    registry,
    'filora_http_requests_total',
    () => new Counter({ name: 'filora_http_requests_total', help: 'HTTP requests answered', labelNames, registers: [registry] }),
  );
  const durations = registeredOnce(
    registry,
    'filora_http_request_duration_seconds',
    () =>
      new Histogram({
        name: 'filora_http_request_duration_seconds',
        help: 'Time from the request to the end of its answer',
        labelNames,
        buckets: DURATION_BUCKETS,
        registers: [registry],
      }),
  );
  return (req, res, ms) => {
    const labels = { method: METHODS.has(req.method) ? req.method : 'OTHER', route: routeOf(res), status: String(statusOf(res)) };
    requests.inc(labels);
    durations.observe(labels, ms / 1000);
  };
}

const routeOf = (res: Response): string => (typeof res.locals.route === 'string' ? res.locals.route : UNMATCHED);
