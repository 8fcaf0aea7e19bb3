import { Readable } from 'node:stream';
import type { Registry } from 'prom-client';
import { route } from '../http/route';
import type { Route } from '../http/route';

export const METRICS_PATH = '/metrics';

/**
 * GET /metrics: the process's metrics in Prometheus' text format (prom-client): HTTP requests, the webhook
 * dispatcher's deliveries, attempts, failures, latency and queue depth per endpoint when it runs in this
 * process, and the process's own. Outside /api/v1 like /health: a scraper has no credentials.
 */
export function metricsRoute(registry: Registry): Route {
  return route({
    method: 'get',
    path: METRICS_PATH,
    root: true,
    tag: 'operations',
    access: 'public',
    summary: 'Metrics in Prometheus text format',
    responses: { 200: { description: 'Every metric of this process', mediaType: registry.contentType } },
    handler: async () => ({
      status: 200,
      headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' },
      stream: Readable.from([await registry.metrics()]),
    }),
  });
}
