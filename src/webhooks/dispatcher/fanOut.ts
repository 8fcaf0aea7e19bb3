import type { EventStore, RecordedEvent } from '../../ports/eventStore';
import { isPosition } from '../../ports/eventStore';
import type { Logger } from '../../ports/logger';
import type { ConsumedMessage, Consumer, MessageLog } from '../../ports/messageLog';
import type { ReadStore } from '../../ports/readStore';
import { enabledWebhooksOf } from '../../projections/webhooks/webhookQueries';
import type { FeedAudience, HorizonWatch } from '../../sync/feedTypes';
import type { DeliveryCommands, DispatcherMetrics, NewDelivery } from '../webhookPorts';
import type { PublishDeliveryJobs } from './deliveryJobs';
import { waitUntilCovered } from './horizonGate';
import type { WebhookBodyOf } from './webhookDeliveries';
import { deliveryOf, subscribesTo } from './webhookDeliveries';
import { WEBHOOK_SOURCE_TOPICS } from './webhookSourceTopics';

export const FAN_OUT_GROUP = 'webhook-fanout';

export interface FanOutDeps {
  messageLog: MessageLog;
  eventStore: EventStore;
  readStore: ReadStore;
  /**
   * The checkpoints of the read models the fan-out decides with: who may see what (`access`) and which
   * webhooks exist (`webhooks`). An event is matched only once both have applied it.
   */
  horizons: readonly HorizonWatch[];
  audience: FeedAudience;
  deliveries: Pick<DeliveryCommands, 'create'>;
  bodyOf: WebhookBodyOf;
  publishJobs: PublishDeliveryJobs;
  metrics: Pick<DispatcherMetrics, 'deliveryCreated'>;
  logger: Logger;
}

/** Where a relayed message's event is stored (its CloudEvents headers), or null for a message that names none. */
interface StoredAt {
  eventId: string;
  streamId: string;
  revision: bigint;
  position: string;
}

function storedAtOf(message: ConsumedMessage): StoredAt | null {
  const { ce_id: eventId, filora_stream: streamId, filora_revision: revision, filora_position: position } = message.headers;
  if (!eventId || !streamId || !revision || !/^\d+$/.test(revision) || !position || !isPosition(position)) return null;
  return { eventId, streamId, revision: BigInt(revision), position };
}

/**
 * Turns the public events of the message log into deliveries: each event reaches the enabled webhooks whose
 * owner may see it (the owner's sync-feed visibility) and whose selectors match. A delivery's id is derived
 * from (event, webhook), so a re-consumed event creates nothing new; its job is published again all the same
 * (the endpoint queues drop a job they hold, a finished delivery refuses its lease).
 */
export class FanOut {
  private consumer: Consumer | null = null;
  private readonly stopping = new AbortController();

  constructor(private readonly deps: FanOutDeps) {}

  async start(): Promise<void> {
    this.consumer = await this.deps.messageLog.consume(FAN_OUT_GROUP, WEBHOOK_SOURCE_TOPICS, (message) => this.handle(message), {
      onCrash: (error) => this.deps.logger.error('webhook fan-out consumer stopped', { error }),
    });
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.consumer?.stop();
    this.consumer = null;
  }

  /** Matches one relayed event; throws (and is retried by the consumer) while a store fails or the read models lag. */
  async handle(message: ConsumedMessage): Promise<void> {
    const storedAt = storedAtOf(message);
    if (!storedAt || !message.headers.filora_event) return;
    await waitUntilCovered(this.deps.horizons, storedAt.position, this.stopping.signal);
    const [event] = await this.deps.eventStore.readStream(storedAt.streamId, { from: storedAt.revision, limit: 1 });
    if (!event || event.id !== storedAt.eventId) {
      this.deps.logger.warn('relayed event not found in the event store; skipped', { ...storedAt, revision: String(storedAt.revision) });
      return;
    }
    await this.deliver(event);
  }

  private async deliver(event: RecordedEvent): Promise<void> {
    const audience = (await this.deps.audience.of([event])).get(event.id) ?? new Set<string>();
    const webhooks = (await enabledWebhooksOf(this.deps.readStore, [...audience])).filter((webhook) => subscribesTo(webhook, event));
    if (webhooks.length === 0) return;
    let deliveries: NewDelivery[];
    try {
      deliveries = webhooks.map((webhook) => deliveryOf(event, webhook, this.deps.bodyOf));
    } catch (error) {
      // A body is made from the event alone: trying again would fail again, and hold up the partition for good.
      this.deps.logger.error('no webhook body for a public event; not delivered', { eventId: event.id, type: event.type, error });
      return;
    }
    await Promise.all(
      deliveries.map(async (delivery) => {
        if (await this.deps.deliveries.create(delivery)) this.deps.metrics.deliveryCreated(delivery.webhookId);
      }),
    );
    await this.deps.publishJobs(deliveries.map(({ deliveryId, webhookId }) => ({ deliveryId, webhookId })));
  }
}
