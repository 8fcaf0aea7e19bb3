import { paths } from '../../../routes';
import { HealthBadge } from './HealthBadge';
import { formatRate } from './present';
import type { Webhook } from './types';

/** The user's webhooks: where each delivers, what it receives, and how it is doing. */
export function WebhookTable({ webhooks }: { webhooks: readonly Webhook[] }) {
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">Your webhooks</caption>
        <thead>
          <tr>
            <th scope="col">Endpoint</th>
            <th scope="col">Events</th>
            <th scope="col">Enabled</th>
            <th scope="col">Health</th>
            <th scope="col">Success (24 h)</th>
          </tr>
        </thead>
        <tbody>
          {webhooks.map((webhook) => (
            <tr key={webhook.id}>
              <td>
                <a href={paths.webhook(webhook.id)} class="webhooks-url">
                  {webhook.name ?? webhook.url}
                </a>
                {webhook.name !== null && <div class="muted mono">{webhook.url}</div>}
              </td>
              <td>
                <ul class="webhooks-event-list">
                  {webhook.events.map((event) => (
                    <li key={event}>
                      <code>{event}</code>
                    </li>
                  ))}
                </ul>
              </td>
              <td>{webhook.enabled ? 'Yes' : 'No'}</td>
              <td>
                <HealthBadge webhook={webhook} />
              </td>
              <td>{formatRate(webhook.health.success_rate_24h)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
