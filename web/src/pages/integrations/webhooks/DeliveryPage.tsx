import { Badge } from '../../../components/Badge';
import { useRoute } from 'preact-iso';
import { CopyButton } from '../../../components/CopyButton';
import { Empty } from '../../../components/Empty';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { Loading } from '../../../components/Loading';
import { formatTime } from '../../../format';
import { useAction } from '../../../hooks/useAction';
import { useResource } from '../../../hooks/useResource';
import { paths } from '../../../routes';
import { AttemptView } from './AttemptView';
import { deliveryTone, isUnsettled } from './present';
import type { DeliveryDetail } from './types';
import { useDeliveryPolling } from './useDeliveryPolling';
import { webhooksApi } from './webhooksApi';
import './webhooks.css';

/** One delivery and every attempt of it; "Retry now", then the new attempt shows (read again when it is due). */
export function DeliveryPage() {
  const { params } = useRoute();
  const webhookId = params.webhookId ?? '';
  const deliveryId = params.deliveryId ?? '';
  const delivery = useResource((signal) => webhooksApi.delivery(webhookId, deliveryId, signal), [webhookId, deliveryId]);
  const webhook = useResource((signal) => webhooksApi.get(webhookId, signal), [webhookId]);
  const current = delivery.data;
  const followUp = useDeliveryPolling(current === undefined ? undefined : [current], () => delivery.reload(true));
  const retry = useAction(async () => {
    await webhooksApi.retry(webhookId, deliveryId);
    delivery.reload(true);
    followUp();
  });
  return (
    <section class="webhooks-page">
      <p>
        <a href={paths.webhook(webhookId)}>← {webhook.data?.name ?? 'The webhook'}</a>
      </p>
      <h1>Delivery{current === undefined ? '' : `: ${current.event}`}</h1>
      <ErrorBanner error={delivery.error} title="The delivery could not be loaded" />
      {delivery.loading && current === undefined && <Loading label="Loading the delivery…" />}
      {current !== undefined && (
        <>
          <DeliverySummary delivery={current} />
          <p class="actions">
            <button type="button" class="button" onClick={() => void retry.run()} disabled={retry.running}>
              {retry.running ? 'Retrying…' : 'Retry now'}
            </button>
            {isUnsettled(current.status) && (
              <span class="muted" role="status">
                Being delivered: this page updates by itself.
              </span>
            )}
          </p>
          <ErrorBanner error={retry.error} title="The delivery could not be retried" />
          <h2>Attempts</h2>
          {current.attempts.length === 0 ? (
            <Empty title="No attempt yet">
              <p>The first attempt is due {formatTime(current.next_attempt_at)}.</p>
            </Empty>
          ) : (
            current.attempts.map((attempt) => <AttemptView key={attempt.attempt} attempt={attempt} requestBody={current.request_body} />)
          )}
        </>
      )}
    </section>
  );
}

function DeliverySummary({ delivery }: { delivery: DeliveryDetail }) {
  return (
    <section class="card" aria-labelledby="webhooks-summary-title">
      <h2 id="webhooks-summary-title">Summary</h2>
      <dl class="webhooks-facts">
        <div>
          <dt>Status</dt>
          <dd>
            <Badge tone={deliveryTone(delivery.status)}>{delivery.status}</Badge>
          </dd>
        </div>
        <div>
          <dt>Event</dt>
          <dd>
            <code>{delivery.event}</code>
          </dd>
        </div>
        <div>
          <dt>webhook-id</dt>
          <dd>
            <code>{delivery.message_id}</code> <CopyButton value={delivery.message_id} label="Copy webhook-id" />
          </dd>
        </div>
        <div>
          <dt>Sent because of</dt>
          <dd>{delivery.trigger === 'test' ? 'A test send' : delivery.trigger === 'replay' ? 'A replay' : 'An event'}</dd>
        </div>
        <div>
          <dt>Attempts</dt>
          <dd>{delivery.attempt_count}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>{formatTime(delivery.created_at)}</dd>
        </div>
        <div>
          <dt>Next attempt</dt>
          <dd>{delivery.next_attempt_at === null ? 'None' : formatTime(delivery.next_attempt_at)}</dd>
        </div>
      </dl>
    </section>
  );
}
