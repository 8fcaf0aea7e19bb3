import { ScrollTable } from '../../../components/ScrollTable';
import { paths } from '../../../routes';
import { HealthBadge } from './HealthBadge';
import { formatRate, webhookTitle } from './present';
import type { Webhook } from './types';

const WEBHOOK_COLUMNS = ['Endpoint', 'Events', 'Enabled', 'Health', 'Success (24 h)'];

/** The user's webhooks: where each delivers, what it receives, and how it is doing. */
export function WebhookTable({ webhooks }: { webhooks: readonly Webhook[] }) {
  return (
    <ScrollTable label="Your webhooks" columns={WEBHOOK_COLUMNS}>
      {webhooks.map((webhook) => (
        <tr key={webhook.id}>
          <td>
            <a href={paths.webhook(webhook.id)} class="webhooks-url">
              {webhookTitle(webhook)}
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
    </ScrollTable>
  );
}
