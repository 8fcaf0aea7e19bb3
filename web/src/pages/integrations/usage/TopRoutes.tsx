import { useId } from 'preact/hooks';
import { formatLatency, formatRate } from './UsageTotals';
import type { IntegrationStats } from './types';

/** The busiest routes of the period, with their error rate and latency. */
export function TopRoutes({ routes }: { routes: IntegrationStats['top_routes'] }) {
  const id = useId();
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Busiest routes</h2>
      <div class="table-wrap" role="region" aria-labelledby={`${id}-title`} tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">Route</th>
              <th scope="col">Requests</th>
              <th scope="col">Errors</th>
              <th scope="col">Error rate</th>
              <th scope="col">Latency p50 / p95</th>
            </tr>
          </thead>
          <tbody>
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
          </tbody>
        </table>
      </div>
    </section>
  );
}
