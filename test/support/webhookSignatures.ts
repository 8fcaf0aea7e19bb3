import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { ReceivedRequest } from './webhookReceiver';

/** The Filora seed's `verifyWebhookSignature` snippet, as its clients run it: on the parsed body. */
export function verifyWebhookSignature(payload: unknown, signature: string | undefined, secret: string): boolean {
  const expectedSignature = createHmac('sha256', secret).update(JSON.stringify(payload)).digest('hex');
  return signature === `sha256=${expectedSignature}`;
}

/**
 * Checks a received delivery as both kinds of receivers do: the `standardwebhooks` library on the raw body
 * (throws when it does not verify) and the seed's snippet on the parsed one. Answers the parsed body.
 */
export function verifiedDelivery(request: ReceivedRequest, secret: string): Record<string, unknown> {
  const verified = new Webhook(secret).verify(request.body, request.headers) as Record<string, unknown>;
  if (!verifyWebhookSignature(JSON.parse(request.body), request.headers['x-filora-signature'], secret))
    throw new Error(`X-Filora-Signature does not verify: ${request.headers['x-filora-signature']}`);
  return verified;
}
