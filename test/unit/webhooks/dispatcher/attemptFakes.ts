import type { Actor } from '../../../../src/domain/access/accessPolicy';
import type {
  AttemptRequest,
  AttemptResult,
  DeliveryCommands,
  LeasedDelivery,
  NewDelivery,
  RecordedOutcome,
  SentRequest,
} from '../../../../src/webhooks/webhookPorts';
import { attemptResult } from './endpointWorkerKit';

/** Delivery commands in memory: a lease per attempt; a success or a 410 finishes a delivery, anything else retries it. */
export class FakeDeliveries implements DeliveryCommands {
  readonly recorded: Array<{ deliveryId: string; sent: SentRequest; result: AttemptResult }> = [];
  readonly created: NewDelivery[] = [];
  private readonly attempts = new Map<string, number>();
  private readonly finished = new Set<string>();
  private readonly leased = new Set<string>();
  refuseLease = false;

  create(delivery: NewDelivery): Promise<boolean> {
    this.created.push(delivery);
    return Promise.resolve(true);
  }

  async startAttempt(deliveryId: string): Promise<LeasedDelivery | null> {
    if (this.refuseLease || this.finished.has(deliveryId) || this.leased.has(deliveryId)) return null;
    this.leased.add(deliveryId);
    const attempt = (this.attempts.get(deliveryId) ?? 0) + 1;
    this.attempts.set(deliveryId, attempt);
    const body = this.created.find((created) => created.deliveryId === deliveryId)?.body ?? {
      id: `msg_${deliveryId}`,
      event: 'upload.completed',
      timestamp: '2026-03-01T12:00:00.000Z',
      data: { file_id: deliveryId },
    };
    return { deliveryId, webhookId: 'unused', attempt, body, resourceStream: null };
  }

  async recordAttempt(lease: LeasedDelivery, sent: SentRequest, result: AttemptResult): Promise<RecordedOutcome> {
    this.leased.delete(lease.deliveryId);
    this.recorded.push({ deliveryId: lease.deliveryId, sent, result });
    if (result.errorClass === null || result.errorClass === 'gone') {
      this.finished.add(lease.deliveryId);
      return { outcome: result.errorClass === null ? 'succeeded' : 'failed', nextAttemptAt: null };
    }
    return { outcome: 'retrying', nextAttemptAt: new Date(Date.now() + 50) };
  }

  retryNow(_actor: Actor, _deliveryId: string, _reason: 'manual_retry' | 'recover'): Promise<void> {
    return Promise.resolve();
  }
}

/** A sender that answers from a script (200 by default) and records what it was asked to send. */
export class FakeSender {
  readonly sent: AttemptRequest[] = [];
  answer: (request: AttemptRequest) => AttemptResult | Promise<AttemptResult> = () => attemptResult();

  async send(request: AttemptRequest): Promise<AttemptResult> {
    this.sent.push(request);
    return this.answer(request);
  }
}
