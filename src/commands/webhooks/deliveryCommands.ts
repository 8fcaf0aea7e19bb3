import type { Actor } from '../../domain/access/accessPolicy';
import { outcomeOf } from '../../domain/webhook/deliveryDecider';
import type { RetrySchedule } from '../../domain/webhook/retrySchedule';
import type { EventMetadata, Position } from '../../ports/eventStore';
import type {
  AttemptResult,
  DeliveryCommands as DeliveryCommandsPort,
  LeasedDelivery,
  NewDelivery,
  RecordedOutcome,
  SentRequest,
} from '../../webhooks/webhookPorts';
import { deliveryAggregate } from '../aggregates';
import type { CommandPipeline } from '../pipeline';

export interface DeliveryTiming {
  retrySchedule: RetrySchedule;
  /** How long an attempt's lease lasts; it must outlive the sender's 15 s timeout. */
  leaseMs: number;
  /** A number in [0, 1) for the retry jitter; Math.random by default. */
  jitterDraw?: () => number;
}

/** Metadata of the dispatcher's own writes, which no request caused. */
const DISPATCHER_METADATA: EventMetadata = { causationId: 'webhook-dispatcher', correlationId: 'webhook-dispatcher' };

/** The delivery aggregate's commands: created by the fan-out, leased and recorded by the endpoint workers, retried by owners. */
export class DeliveryCommands implements DeliveryCommandsPort {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly timing: DeliveryTiming,
  ) {}

  async create(delivery: NewDelivery): Promise<boolean> {
    const command = { type: 'CreateDelivery' as const, ...delivery };
    const { events } = await this.pipeline.execute(deliveryAggregate, delivery.deliveryId, command, DISPATCHER_METADATA);
    return events.length > 0;
  }

  async startAttempt(deliveryId: string): Promise<LeasedDelivery | null> {
    const command = { type: 'StartAttempt' as const, leaseMs: this.timing.leaseMs };
    const { events, state } = await this.pipeline.execute(deliveryAggregate, deliveryId, command, DISPATCHER_METADATA);
    if (events.length === 0) return null;
    return { deliveryId, webhookId: state.webhookId!, attempt: state.attempt, body: state.body!, resourceStream: state.resourceStream };
  }

  async recordAttempt(lease: LeasedDelivery, sent: SentRequest, result: AttemptResult): Promise<RecordedOutcome> {
    const command = {
      type: 'RecordAttempt' as const,
      attempt: lease.attempt,
      outcome: { url: sent.url, requestHeaders: { ...sent.headers }, ...result },
      retrySchedule: this.timing.retrySchedule,
      jitterDraw: (this.timing.jitterDraw ?? Math.random)(),
    };
    const { state } = await this.pipeline.execute(deliveryAggregate, lease.deliveryId, command, DISPATCHER_METADATA);
    return outcomeOf(state);
  }

  async retryNow(actor: Actor, deliveryId: string, reason: 'manual_retry' | 'recover'): Promise<void> {
    await this.retry(actor, deliveryId, reason, { actor: actor.userId });
  }

  /** retryNow with the request's metadata, answering the position written (read-your-writes). */
  async retry(actor: Actor, deliveryId: string, reason: 'manual_retry' | 'recover', metadata: EventMetadata): Promise<Position | null> {
    const { position } = await this.pipeline.execute(deliveryAggregate, deliveryId, { type: 'RetryDelivery', actor, reason }, metadata);
    return position;
  }
}
