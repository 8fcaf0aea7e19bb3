import { useState } from 'preact/hooks';
import { Empty } from '../../../components/Empty';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { LoadMore } from '../../../components/LoadMore';
import { Loading } from '../../../components/Loading';
import { useLiveChanges } from '../../../hooks/useLive';
import { usePagedList } from '../../../hooks/usePagedList';
import { CreateWebhook } from './CreateWebhook';
import { FocusReturnButton } from './FocusReturnButton';
import type { Webhook } from './types';
import { WebhookTable } from './WebhookTable';
import './webhooks.css';

/** Outgoing webhooks: the list with each one's health, and the form that registers a new one. */
export function WebhooksPage() {
  const webhooks = usePagedList<Webhook>('/webhooks');
  const [creating, setCreating] = useState(false);
  const [closedForm, setClosedForm] = useState(false);
  useLiveChanges(
    () => webhooks.reload(true),
    (item) => item.type.startsWith('webhook.'),
  );
  return (
    <section class="webhooks-page">
      <div class="webhooks-heading">
        <h1>Webhooks</h1>
        {!creating && (
          <FocusReturnButton returning={closedForm} class="button" onClick={() => setCreating(true)}>
            New webhook
          </FocusReturnButton>
        )}
      </div>
      <p class="muted">Filora POSTs the events you choose to your endpoints, signed with each webhook’s secret.</p>
      {creating && (
        <CreateWebhook
          onCreated={() => webhooks.reload(true)}
          onClose={() => {
            setCreating(false);
            setClosedForm(true);
          }}
        />
      )}
      <h2>Your webhooks</h2>
      <ErrorBanner error={webhooks.error} title="The webhooks could not be loaded" />
      {webhooks.loading ? (
        <Loading label="Loading webhooks…" />
      ) : webhooks.data === undefined ? null : webhooks.data.length === 0 ? (
        <Empty title="No webhooks yet">
          <p>Press “New webhook” to have events sent to your endpoint.</p>
        </Empty>
      ) : (
        <WebhookTable webhooks={webhooks.data} />
      )}
      <LoadMore list={webhooks} />
    </section>
  );
}
