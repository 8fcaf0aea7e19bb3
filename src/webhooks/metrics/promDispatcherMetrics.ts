import type { Registry } from 'prom-client';
import { Counter, Gauge, Histogram } from 'prom-client';
import { registeredOnce } from '../../shared/metricsRegistry';
import type { DispatcherMetrics } from '../webhookPorts';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15];
const byEndpoint = ['webhook_id'] as const;

/** The dispatcher's metrics per endpoint (label `webhook_id`), in the platform's Prometheus registry. */
export class PromDispatcherMetrics implements DispatcherMetrics {
  private readonly deliveries: Counter<'webhook_id'>;
  private readonly attempts: Counter<'webhook_id' | 'outcome'>;
  private readonly failures: Counter<'webhook_id'>;
  private readonly latency: Histogram<'webhook_id'>;
  private readonly depth: Gauge<'webhook_id'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.deliveries = registeredOnce(
      registry,
      'filora_webhook_deliveries_total',
      () =>
        new Counter({
          name: 'filora_webhook_deliveries_total',
          help: 'Deliveries created (one per event and endpoint)',
          labelNames: byEndpoint,
          registers,
        }),
    );
    this.attempts = registeredOnce(
      registry,
      'filora_webhook_attempts_total',
      () =>
        new Counter({
          name: 'filora_webhook_attempts_total',
          help: 'Attempts sent, by outcome (succeeded: a 2xx answer)',
          labelNames: ['webhook_id', 'outcome'],
          registers,
        }),
    );
    this.failures = registeredOnce(
      registry,
      'filora_webhook_failures_total',
      () => new Counter({ name: 'filora_webhook_failures_total', help: 'Attempts that failed', labelNames: byEndpoint, registers }),
    );
    this.latency = registeredOnce(
      registry,
      'filora_webhook_attempt_duration_seconds',
      () =>
        new Histogram({
          name: 'filora_webhook_attempt_duration_seconds',
          help: 'Time from sending an attempt to its answer (or failure)',
          labelNames: byEndpoint,
          buckets: LATENCY_BUCKETS,
          registers,
        }),
    );
    this.depth = registeredOnce(
      registry,
      'filora_webhook_queue_depth',
      () =>
        new Gauge({
          name: 'filora_webhook_queue_depth',
          help: 'Deliveries queued or in flight for the endpoint',
          labelNames: byEndpoint,
          registers,
        }),
    );
  }

  deliveryCreated(webhookId: string): void {
    this.deliveries.inc({ webhook_id: webhookId });
  }

  attempted(webhookId: string, outcome: 'succeeded' | 'failed', durationMs: number): void {
    this.attempts.inc({ webhook_id: webhookId, outcome });
    if (outcome === 'failed') this.failures.inc({ webhook_id: webhookId });
    this.latency.observe({ webhook_id: webhookId }, durationMs / 1000);
  }

  queueDepth(webhookId: string, depth: number): void {
    this.depth.set({ webhook_id: webhookId }, depth);
  }
}
