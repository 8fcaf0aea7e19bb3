import { useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { Loading } from '../../../components/Loading';
import { useAction } from '../../../hooks/useAction';
import { useLiveChanges } from '../../../hooks/useLive';
import { useResource } from '../../../hooks/useResource';
import { paths } from '../../../routes';
import { DeliveryLog } from './DeliveryLog';
import { HealthPanel } from './HealthPanel';
import { RecoverForm } from './RecoverForm';
import { RotateSecret } from './RotateSecret';
import { TestSend } from './TestSend';
import { WebhookSettingsCard } from './WebhookSettingsCard';
import { webhookTitle } from './present';
import { webhooksApi } from './webhooksApi';
import './webhooks.css';

/** One webhook: health, test send, settings, secret rotation, recovery, its delivery log, deletion. */
export function WebhookPage() {
  const { params } = useRoute();
  const { route } = useLocation();
  const webhookId = params.webhookId ?? '';
  const webhook = useResource((signal) => webhooksApi.get(webhookId, signal), [webhookId]);
  // Bumped by what adds deliveries here, so the log shows them at once.
  const [deliveriesChanged, setDeliveriesChanged] = useState(0);
  const refresh = () => {
    webhook.reload(true);
    setDeliveriesChanged((value) => value + 1);
  };
  useLiveChanges(
    () => webhook.reload(true),
    (item) => item.type.startsWith('webhook.'),
  );
  const remove = useAction(async () => {
    await webhooksApi.remove(webhookId);
    route(paths.webhooks);
  });
  const current = webhook.data;
  return (
    <section class="webhooks-page">
      <p>
        <a href={paths.webhooks}>← All webhooks</a>
      </p>
      <h1>{current?.name ?? 'Webhook'}</h1>
      {current !== undefined && <p class="mono webhooks-url">{current.url}</p>}
      <ErrorBanner error={webhook.error} title="The webhook could not be loaded" />
      {webhook.loading && current === undefined && <Loading label="Loading the webhook…" />}
      {current !== undefined && (
        <>
          <div class="webhooks-columns">
            <HealthPanel webhook={current} />
            <TestSend webhookId={webhookId} enabled={current.enabled} onSent={refresh} />
          </div>
          <DeliveryLog webhookId={webhookId} refreshKey={deliveriesChanged} />
          <WebhookSettingsCard webhook={current} onChanged={() => webhook.reload(true)} />
          <RotateSecret webhook={current} onRotated={() => webhook.reload(true)} />
          <RecoverForm webhookId={webhookId} enabled={current.enabled} onRecovered={refresh} />
          <section class="card" aria-labelledby="webhooks-delete-title">
            <h2 id="webhooks-delete-title">Delete</h2>
            <p>Nothing more is delivered to this endpoint.</p>
            <ConfirmButton
              label="Delete webhook"
              name={`Delete webhook ${webhookTitle(current)}`}
              confirmLabel="Delete for good"
              onConfirm={() => void remove.run()}
              disabled={remove.running}
            />
            <ErrorBanner error={remove.error} title="The webhook could not be deleted" />
          </section>
        </>
      )}
    </section>
  );
}
