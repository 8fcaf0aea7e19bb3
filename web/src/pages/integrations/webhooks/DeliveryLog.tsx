import { Badge } from '../../../components/Badge';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { ScrollTable } from '../../../components/ScrollTable';
import { Empty } from '../../../components/Empty';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { LoadMore } from '../../../components/LoadMore';
import { Loading } from '../../../components/Loading';
import { formatTime } from '../../../format';
import { usePagedList } from '../../../hooks/usePagedList';
import { paths } from '../../../routes';
import { FILTERABLE_EVENTS } from './events';
import { attemptOutcome, deliveryTone } from './present';
import type { Delivery } from './types';
import { DELIVERY_STATUSES } from './types';
import { useDeliveryPolling } from './useDeliveryPolling';
import { deliveriesPath } from './webhooksApi';

/**
 * The webhook's deliveries, newest first, by status and event; read again when an unsettled one is due.
 * `refreshKey` changes when the page did something that adds deliveries (a test send, a recovery).
 */
export function DeliveryLog({ webhookId, refreshKey }: { webhookId: string; refreshKey: number }) {
  const id = useId();
  const [status, setStatus] = useState('');
  const [event, setEvent] = useState('');
  const deliveries = usePagedList<Delivery>(deliveriesPath(webhookId), { status, event });
  const followUp = useDeliveryPolling(deliveries.data, () => deliveries.reload(true));
  const shownKey = useRef(refreshKey);
  useEffect(() => {
    if (shownKey.current === refreshKey) return;
    shownKey.current = refreshKey;
    deliveries.reload(true);
    followUp();
  }, [refreshKey]);
  return (
    <section class="card" aria-labelledby="webhooks-log-title">
      <h2 id="webhooks-log-title">Delivery log</h2>
      <div class="toolbar">
        <div class="field">
          <label for={`${id}-status`}>Status</label>
          <select id={`${id}-status`} value={status} onChange={(change) => setStatus(change.currentTarget.value)}>
            <option value="">Any status</option>
            {DELIVERY_STATUSES.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={`${id}-event`}>Event</label>
          <select id={`${id}-event`} value={event} onChange={(change) => setEvent(change.currentTarget.value)}>
            <option value="">Any event</option>
            {FILTERABLE_EVENTS.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </div>
        <button type="button" class="button button-secondary" onClick={() => deliveries.reload()}>
          Refresh
        </button>
      </div>
      <ErrorBanner error={deliveries.error} title="The deliveries could not be loaded" />
      {deliveries.loading ? (
        <Loading label="Loading deliveries…" />
      ) : deliveries.data === undefined ? null : deliveries.data.length === 0 ? (
        <Empty title={status === '' && event === '' ? 'No deliveries yet' : 'No delivery matches these filters'}>
          <p>
            {status === '' && event === ''
              ? 'Send a test event, or wait for one of the events this webhook receives.'
              : 'Choose another status or event.'}
          </p>
        </Empty>
      ) : (
        <DeliveryTable webhookId={webhookId} deliveries={deliveries.data} />
      )}
      <LoadMore list={deliveries} />
    </section>
  );
}

const DELIVERY_COLUMNS = ['Event', 'Status', 'Attempts', 'Created', 'Last response'];

function DeliveryTable({ webhookId, deliveries }: { webhookId: string; deliveries: readonly Delivery[] }) {
  return (
    <ScrollTable label="Deliveries, newest first" columns={DELIVERY_COLUMNS}>
      {deliveries.map((delivery) => (
        <tr key={delivery.id}>
          <td>
            <a
              href={paths.delivery(webhookId, delivery.id)}
              aria-label={`${delivery.event} delivery of ${formatTime(delivery.created_at)}`}
            >
              {delivery.event}
            </a>
          </td>
          <td>
            <Badge tone={deliveryTone(delivery.status)}>{delivery.status}</Badge>
          </td>
          <td>{delivery.attempt_count}</td>
          <td>{formatTime(delivery.created_at)}</td>
          <td>{delivery.last_attempt === null ? '—' : attemptOutcome(delivery.last_attempt)}</td>
        </tr>
      ))}
    </ScrollTable>
  );
}
