import { useState } from 'preact/hooks';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { useAction } from '../../../hooks/useAction';
import type { Webhook, WebhookSettings } from './types';
import { FocusReturnButton } from './FocusReturnButton';
import { WebhookForm } from './WebhookForm';
import { webhooksApi } from './webhooksApi';

const settingsOf = (webhook: Webhook): WebhookSettings => ({
  url: webhook.url,
  events: webhook.events,
  name: webhook.name,
  description: webhook.description,
  rate_limit_per_minute: webhook.rate_limit_per_minute,
  max_concurrency: webhook.max_concurrency,
  ordering: webhook.ordering,
  verify_ssl: webhook.verify_ssl,
});

/** The webhook's settings: read, edited in place, and the switch that enables or disables it. */
export function WebhookSettingsCard({ webhook, onChanged }: { webhook: Webhook; onChanged: () => void }) {
  const [editing, setEditing] = useState(false);
  const [closedForm, setClosedForm] = useState(false);
  const closeForm = () => {
    setEditing(false);
    setClosedForm(true);
  };
  const save = useAction(async (settings: WebhookSettings) => {
    await webhooksApi.change(webhook.id, settings);
    closeForm();
    onChanged();
  });
  const toggle = useAction(async () => {
    await webhooksApi.change(webhook.id, { enabled: !webhook.enabled });
    onChanged();
  });
  return (
    <section class="card" aria-labelledby="webhooks-settings-title">
      <h2 id="webhooks-settings-title">Settings</h2>
      <p class="actions">
        <button type="button" class="button button-secondary" onClick={() => void toggle.run()} disabled={toggle.running}>
          {webhook.enabled ? 'Disable webhook' : 'Enable webhook'}
        </button>
        {!editing && (
          <FocusReturnButton returning={closedForm} class="button button-secondary" onClick={() => setEditing(true)}>
            Edit settings
          </FocusReturnButton>
        )}
      </p>
      <ErrorBanner error={toggle.error} title={webhook.enabled ? 'Could not disable the webhook' : 'Could not enable the webhook'} />
      {editing ? (
        <>
          <WebhookForm initial={settingsOf(webhook)} submitLabel="Save settings" failure="Could not save the settings" action={save} />
          <button type="button" class="button button-ghost" onClick={closeForm}>
            Cancel editing
          </button>
        </>
      ) : (
        <dl class="webhooks-facts">
          <div>
            <dt>Enabled</dt>
            <dd>{webhook.enabled ? 'Yes' : 'No'}</dd>
          </div>
          <div>
            <dt>Events</dt>
            <dd>{webhook.events.join(', ')}</dd>
          </div>
          <div>
            <dt>Description</dt>
            <dd>{webhook.description ?? '—'}</dd>
          </div>
          <div>
            <dt>Rate limit</dt>
            <dd>{webhook.rate_limit_per_minute} per minute</dd>
          </div>
          <div>
            <dt>In flight at once</dt>
            <dd>{webhook.max_concurrency}</dd>
          </div>
          <div>
            <dt>Ordering</dt>
            <dd>{webhook.ordering === 'per_resource' ? 'Per file or folder' : 'None'}</dd>
          </div>
          <div>
            <dt>TLS certificate</dt>
            <dd>{webhook.verify_ssl ? 'Must be valid' : 'Not checked'}</dd>
          </div>
        </dl>
      )}
    </section>
  );
}
