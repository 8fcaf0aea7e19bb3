import type { Actor } from '../../domain/access/accessPolicy';
import type { RetrySchedule } from '../../domain/webhook/retrySchedule';
import type {
  AttemptResult,
  DeliveryCommands as DeliveryCommandsPort,
  LeasedDelivery,
  NewDelivery,
  RecordedOutcome,
} from '../../webhooks/webhookPorts';
import type { CommandPipeline } from '../pipeline';

export interface DeliveryTiming {
  retrySchedule: RetrySchedule;
  /** How long an attempt's lease lasts; it must outlive the sender's 15 s timeout. */
  leaseMs: number;
  /** A number in [0, 1) for the retry jitter; Math.random by default. */
  jitterDraw?: () => number;
}

/** The delivery aggregate's commands: created by the fan-out, leased and recorded by the endpoint workers, retried by owners. */
export class DeliveryCommands implements DeliveryCommandsPort {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly timing: DeliveryTiming,
  ) {}

  create(_delivery: NewDelivery): Promise<boolean> {
    return this.pending();
  }

  startAttempt(_deliveryId: string): Promise<LeasedDelivery | null> {
    return this.pending();
  }

  recordAttempt(_lease: LeasedDelivery, _url: string, _result: AttemptResult): Promise<RecordedOutcome> {
    return this.pending();
  }

  retryNow(_actor: Actor, _deliveryId: string, _reason: 'manual_retry' | 'recover'): Promise<void> {
    return this.pending();
  }

  private pending(): Promise<never> {
    void this.pipeline;
    void this.timing;
    return Promise.reject(new Error('DeliveryCommands: not implemented yet'));
  }
}
