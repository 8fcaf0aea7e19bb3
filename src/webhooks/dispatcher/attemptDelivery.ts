import type { Clock, Logger } from '../../ports';
import { openSigningSecrets } from '../../security/webhookSecrets';
import { serializeWebhookBody } from '../payloads/toWebhookBody';
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

export const GONE_REASON = 'the endpoint answered 410 Gone';

/**
 * Leases the delivery's next attempt, signs its body with every secret of the webhook that signs now, sends
 * it and records what happened. Null when the lease was refused (finished, leased elsewhere, not due).
 */
export async function attemptDelivery(deps: AttemptDeps, webhook: WebhookRow, deliveryId: string): Promise<MadeAttempt | null> {
  const lease = await deps.deliveries.startAttempt(deliveryId);
  if (!lease) return null;
  const sentAt = deps.clock();
  const body = serializeWebhookBody(lease.body);
  const headers = deps.signHeaders(body, lease.body.id, sentAt, openSigningSecrets({ open: deps.openSecret }, webhook.secrets, sentAt));
  const result = await deps.sender.send({ url: webhook.url, body, headers, verifySsl: webhook.verifySsl });
  const outcome = await deps.deliveries.recordAttempt(lease, { url: webhook.url, headers }, result);
  deps.metrics.attempted(webhook._id, result.errorClass === null ? 'succeeded' : 'failed', result.durationMs);
  if (result.errorClass === 'gone') {
    await deps
      .disableWebhook(webhook._id, GONE_REASON)
      .catch((error: unknown) => deps.logger.error('could not disable a gone webhook', { webhookId: webhook._id, error }));
  }
  return { lease, result, outcome };
}
