import { Registry } from 'prom-client';
import { PromDispatcherMetrics } from '../../../../src/webhooks/metrics/promDispatcherMetrics';
import { serveMetrics } from '../../../../src/webhooks/metrics/metricsServer';

const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

describe('the dispatcher’s Prometheus metrics', () => {
  it('count deliveries, attempts by outcome, failures, latency and queue depth per endpoint', async () => {
    const registry = new Registry();
    const metrics = new PromDispatcherMetrics(registry);
    metrics.deliveryCreated(A);
    metrics.deliveryCreated(A);
    metrics.deliveryCreated(B);
    metrics.attempted(A, 'succeeded', 40);
    metrics.attempted(A, 'failed', 2000);
    metrics.attempted(B, 'failed', 15000);
    metrics.queueDepth(A, 7);
    metrics.queueDepth(A, 3);
    const text = await registry.metrics();
    expect(text).toContain(`filora_webhook_deliveries_total{webhook_id="${A}"} 2`);
    expect(text).toContain(`filora_webhook_deliveries_total{webhook_id="${B}"} 1`);
    expect(text).toContain(`filora_webhook_attempts_total{webhook_id="${A}",outcome="succeeded"} 1`);
    expect(text).toContain(`filora_webhook_attempts_total{webhook_id="${A}",outcome="failed"} 1`);
    expect(text).toContain(`filora_webhook_failures_total{webhook_id="${A}"} 1`);
    expect(text).toContain(`filora_webhook_failures_total{webhook_id="${B}"} 1`);
    expect(text).toContain(`filora_webhook_attempt_duration_seconds_count{webhook_id="${A}"} 2`);
    expect(text).toContain(`filora_webhook_attempt_duration_seconds_sum{webhook_id="${A}"} 2.04`);
    expect(text).toContain(`filora_webhook_attempt_duration_seconds_bucket{le="0.05",webhook_id="${A}"} 1`);
    expect(text).toContain(`filora_webhook_queue_depth{webhook_id="${A}"} 3`);
  });

  it('share one set of metrics when two dispatchers register on one registry', async () => {
    const registry = new Registry();
    new PromDispatcherMetrics(registry).deliveryCreated(A);
    new PromDispatcherMetrics(registry).deliveryCreated(A);
    expect(await registry.metrics()).toContain(`filora_webhook_deliveries_total{webhook_id="${A}"} 2`);
  });

  it('are served on a port of their own for a process without the API', async () => {
    const registry = new Registry();
    new PromDispatcherMetrics(registry).queueDepth(B, 5);
    const server = await serveMetrics(registry, 0, '127.0.0.1');
    try {
      const scraped = await fetch(`http://127.0.0.1:${server.port}/metrics`);
      expect(scraped.status).toBe(200);
      expect(scraped.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(await scraped.text()).toContain(`filora_webhook_queue_depth{webhook_id="${B}"} 5`);
      expect((await fetch(`http://127.0.0.1:${server.port}/other`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${server.port}/metrics`, { method: 'POST' })).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
