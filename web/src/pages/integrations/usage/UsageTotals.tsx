import { formatBytes } from '../../../format';
import type { IntegrationStats, UsageLatency } from './types';

const milliseconds = (value: number): string => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

/** The median and 95th percentile, e.g. "12 ms / 48 ms". */
export const formatLatency = (latency: UsageLatency): string =>
  latency.p50 === null || latency.p95 === null ? '—' : `${milliseconds(latency.p50)} / ${milliseconds(latency.p95)}`;

export const formatRate = (rate: number): string => `${(rate * 100).toFixed(1)} %`;

/** The period's headline figures. */
export function UsageTotals({ totals }: { totals: IntegrationStats['totals'] }) {
  const figures = [
    { label: 'Requests', value: String(totals.requests) },
    { label: 'Errors', value: String(totals.errors) },
    { label: 'Error rate', value: formatRate(totals.error_rate) },
    { label: 'Latency p50 / p95', value: formatLatency(totals.latency_ms) },
    { label: 'Received / sent', value: `${formatBytes(totals.bytes_in)} / ${formatBytes(totals.bytes_out)}` },
  ];
  return (
    <dl class="usage-totals">
      {figures.map((figure) => (
        <div key={figure.label} class="card usage-total">
          <dt>{figure.label}</dt>
          <dd>{figure.value}</dd>
        </div>
      ))}
    </dl>
  );
}
