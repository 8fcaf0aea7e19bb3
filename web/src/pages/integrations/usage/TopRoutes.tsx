import { useId } from 'preact/hooks';
import { formatLatency, formatRate } from './UsageTotals';
import type { IntegrationStats } from './types';
import { ScrollTable } from '../../../components/ScrollTable';

const COLUMNS = ['Route', 'Requests', 'Errors', 'Error rate', 'Latency p50 / p95'];

/** The busiest routes of the period, with their error rate and latency. */
export function TopRoutes({ routes }: { routes: IntegrationStats['top_routes'] }) {
  const id = useId();
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Busiest routes</h2>
      <ScrollTable label="Busiest routes" columns={COLUMNS}>
        {routes.map((route) => (
          <tr key={`${route.method} ${route.route ?? ''}`}>
            <td>
              <code class="usage-route">
                {route.method} {route.route ?? '(no route matched)'}
              </code>
            </td>
            <td>{route.requests}</td>
            <td>{route.errors}</td>
            <td>{formatRate(route.error_rate)}</td>
            <td>{formatLatency(route.latency_ms)}</td>
          </tr>
        ))}
      </ScrollTable>
    </section>
  );
}
