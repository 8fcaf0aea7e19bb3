import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Metric } from 'prom-client';

/**
 * One Prometheus registry per platform (not prom-client's global one, so several platforms in one process,
 * as in the tests, each count their own), with the process's default metrics (CPU, memory, event loop lag).
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** The metric of that name in the registry, created on first use: a second API or dispatcher on one registry shares it. */
export function registeredOnce<M extends Metric>(registry: Registry, name: string, create: () => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create();
}
