import { formatTime } from '../../../format';
import { HealthBadge } from './HealthBadge';
import { formatRate } from './present';
import type { Webhook } from './types';

/** How the endpoint is doing: state, success rate over 24 h, last success, failures in a row. */
export function HealthPanel({ webhook }: { webhook: Webhook }) {
  const { health } = webhook;
  return (
    <section class="card" aria-labelledby="webhooks-health-title">
      <h2 id="webhooks-health-title">Health</h2>
      <dl class="webhooks-facts">
        <div>
          <dt>State</dt>
          <dd>
            <HealthBadge webhook={webhook} />
          </dd>
        </div>
        <div>
          <dt>Success rate (24 h)</dt>
          <dd>{formatRate(health.success_rate_24h)}</dd>
        </div>
        <div>
          <dt>Last success</dt>
          <dd>{formatTime(health.last_success_at)}</dd>
        </div>
        <div>
          <dt>Failures in a row</dt>
          <dd>{health.consecutive_failures}</dd>
        </div>
        {health.failing_since !== null && (
          <div>
            <dt>Failing since</dt>
            <dd>{formatTime(health.failing_since)}</dd>
          </div>
        )}
        {webhook.disabled_reason !== null && (
          <div>
            <dt>Disabled because</dt>
            <dd>{webhook.disabled_reason}</dd>
          </div>
        )}
      </dl>
      {health.state === 'circuit_open' && (
        <p class="muted">The endpoint failed too often in a row: deliveries wait until a probe succeeds.</p>
      )}
    </section>
  );
}
