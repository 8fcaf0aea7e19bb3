import { randomUUID } from 'node:crypto';
import type { EventStore, Position, RecordedEvent } from '../../ports/eventStore';
import type { AccessHistoryAudience } from '../../sync/feedAudience';
import type { HorizonWatch } from '../../sync/feedTypes';
import type { PublishDeliveryJobs } from '../dispatcher/deliveryJobs';
import type { WebhookBodyOf } from '../dispatcher/webhookDeliveries';
import { deliveryOf, subscribesTo } from '../dispatcher/webhookDeliveries';
import type { DeliveryCommands, NewDelivery, WebhookRow } from '../webhookPorts';

/** Which events a replay re-sends: those after `after` (null: from the first), and, when given, from `since` to `until`. */
export interface ReplayWindow {
  after: Position | null;
  since?: Date;
  until?: Date;
}

export interface ReplayOutcome {
  replayId: string;
  /** Deliveries created (one per matching event). */
  deliveries: number;
  /** Events read to (the access read model's checkpoint when the replay started); null with an empty log. */
  throughPosition: Position | null;
}

export interface WebhookReplayDeps {
  eventStore: EventStore;
  /** The access read model's checkpoint: who may see an event is final up to it. */
  horizon: HorizonWatch;
  audience: Pick<AccessHistoryAudience, 'reaching'>;
  deliveries: Pick<DeliveryCommands, 'create'>;
  bodyOf: WebhookBodyOf;
  publishJobs: PublishDeliveryJobs;
  newId?: () => string;
  /** Events read from the log at a time. */
  readBatch?: number;
}

/** Event times may run a little behind positions (clocks of several processes): a replay reads this far past `until`. */
const UNTIL_SLACK_MS = 60_000;

/**
 * Re-sends every event of the log that a webhook would receive now (its selectors, its owner's visibility), with
 * no window cap: each as a new delivery (the replay's id in its derived id) under the same message id as before.
 */
export class WebhookReplay {
  constructor(private readonly deps: WebhookReplayDeps) {}

  async replay(webhook: WebhookRow, window: ReplayWindow): Promise<ReplayOutcome> {
    const replayId = (this.deps.newId ?? randomUUID)();
    const through = await this.deps.horizon.current();
    let deliveries = 0;
    let after = window.after;
    while (through !== null && (after === null || after < through)) {
      const read = await this.deps.eventStore.readAll({ after, limit: this.deps.readBatch ?? 500 });
      const batch = read.filter((event) => event.position <= through);
      if (batch.length === 0) break;
      const chosen = batch.filter((event) => inWindow(event, window) && subscribesTo(webhook, event, { includeOlder: true }));
      deliveries += await this.resend(webhook, chosen, replayId);
      after = batch[batch.length - 1]!.position;
      if (batch.length < read.length || pastUntil(batch[batch.length - 1]!, window)) break;
    }
    return { replayId, deliveries, throughPosition: through };
  }

  private async resend(webhook: WebhookRow, events: readonly RecordedEvent[], replayId: string): Promise<number> {
    if (events.length === 0) return 0;
    const reaching = await this.deps.audience.reaching(webhook.ownerId, events);
    const made: NewDelivery[] = [];
    for (const event of events) {
      if (!reaching.has(event.id)) continue;
      const delivery = this.deliveryOf(event, webhook, replayId);
      if (delivery) made.push(delivery);
    }
    await Promise.all(made.map((delivery) => this.deps.deliveries.create(delivery)));
    await this.deps.publishJobs(made.map(({ deliveryId, webhookId }) => ({ deliveryId, webhookId })));
    return made.length;
  }

  /** Null for an event no body can be made for (the fan-out never sent it either). */
  private deliveryOf(event: RecordedEvent, webhook: WebhookRow, replayId: string): NewDelivery | null {
    try {
      return deliveryOf(event, webhook, this.deps.bodyOf, replayId);
    } catch {
      return null;
    }
  }
}

function inWindow(event: RecordedEvent, window: ReplayWindow): boolean {
  return (window.since === undefined || event.createdAt >= window.since) && (window.until === undefined || event.createdAt <= window.until);
}

const pastUntil = (event: RecordedEvent, window: ReplayWindow): boolean =>
  window.until !== undefined && event.createdAt.getTime() > window.until.getTime() + UNTIL_SLACK_MS;
