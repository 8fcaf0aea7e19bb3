import type { Clock, Logger } from '../../ports';
import type {
  AttemptResult,
  DeliveryCommands,
  DispatcherMetrics,
  LeasedDelivery,
  RecordedOutcome,
  SignHeaders,
  WebhookRow,
  WebhookSender,
} from '../webhookPorts';

/** What one attempt needs: the delivery commands (lease, record), signing, the sender and the endpoint's fate on a 410. */
export interface AttemptDeps {
  deliveries: DeliveryCommands;
  sender: WebhookSender;
  signHeaders: SignHeaders;
  /** Opens a stored `encryptedSecret` (src/security/webhookSecrets.ts's box) into the `whsec_…` string that signs. */
  openSecret: (encryptedSecret: string) => string;
  /** W1's `disableWebhook`: records WebhookDisabled with the reason. */
  disableWebhook: (webhookId: string, reason: string) => Promise<void>;
  metrics: DispatcherMetrics;
  clock: Clock;
  logger: Logger;
}

/** One attempt that was made: the lease it ran under, what the endpoint answered and what follows. */
export interface MadeAttempt {
  lease: LeasedDelivery;
  result: AttemptResult;
  outcome: RecordedOutcome;
}

/**
 * Leases the delivery's next attempt, signs its body with every secret of the webhook that signs now, sends
 * it and records what happened. Null when the lease was refused (finished, leased elsewhere, not due).
 */
export function attemptDelivery(deps: AttemptDeps, webhook: WebhookRow, deliveryId: string): Promise<MadeAttempt | null> {
  void deps;
  void webhook;
  void deliveryId;
  return Promise.reject(new Error('attemptDelivery: not implemented yet'));
}
