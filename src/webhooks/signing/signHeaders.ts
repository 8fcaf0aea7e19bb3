import { bodySignatureHex, standardWebhookSignature } from '../../security/webhookSignatures';
import type { SignHeaders } from '../webhookPorts';
import { WEBHOOK_USER_AGENT } from './userAgent';

/**
 * The Filora seed's `X-Filora-Signature`: `sha256=<hex HMAC-SHA256 of the body>`, keyed by the secret as
 * the owner was shown it (its whole text, `whsec_` included), as the seed's verifyWebhookSignature uses it.
 */
const filoraSignature = (secret: string, body: string): string => `sha256=${bodySignatureHex(secret, body)}`;

/**
 * The headers of one attempt: Standard Webhooks' `webhook-id`, `webhook-timestamp` and `webhook-signature`
 * (one `v1,<base64>` per secret that signs now, space-separated, so a receiver holding either secret of a
 * rotation verifies), and the seeds' `X-Filora-Signature` by the newest secret.
 */
export const signHeaders: SignHeaders = (body, messageId, timestamp, secrets) => {
  const newest = secrets[0];
  if (newest === undefined) throw new Error('a webhook delivery needs at least one signing secret');
  const unixSeconds = Math.floor(timestamp.getTime() / 1000);
  return {
    'content-type': 'application/json',
    'user-agent': WEBHOOK_USER_AGENT,
    'webhook-id': messageId,
    'webhook-timestamp': String(unixSeconds),
    'webhook-signature': secrets.map((secret) => `v1,${standardWebhookSignature(secret, messageId, unixSeconds, body)}`).join(' '),
    'x-filora-signature': filoraSignature(newest, body),
  };
};
