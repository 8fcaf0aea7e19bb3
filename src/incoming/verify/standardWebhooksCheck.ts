import { sameSignature, standardWebhookSignature } from '../../security/webhookSignatures';
import type { SignatureCheck, SignedRequest } from './signatureCheck';
import { invalid, VALID } from './signatureCheck';

/** How far a `webhook-timestamp` may be from now, either way (Standard Webhooks' replay window). */
export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

const SIGNATURE_VERSION = 'v1';
const UNIX_SECONDS = /^\d{1,15}$/;

/**
 * Standard Webhooks: `webhook-signature` holds space-separated `v1,<base64>` entries, one per secret the
 * sender signs with; the call is valid when one of them is the HMAC of `<webhook-id>.<webhook-timestamp>.<body>`
 * under our secret, and the timestamp is within five minutes of now.
 */
export function checkStandardWebhooks(secret: string, request: SignedRequest, now: Date): SignatureCheck {
  const messageId = request.header('webhook-id');
  const timestamp = request.header('webhook-timestamp');
  const signatures = request.header('webhook-signature');
  if (!messageId || !timestamp || !signatures) return invalid('webhook-id, webhook-timestamp and webhook-signature are required');
  if (!UNIX_SECONDS.test(timestamp)) return invalid('webhook-timestamp must be Unix seconds');
  const unixSeconds = Number(timestamp);
  if (Math.abs(now.getTime() / 1000 - unixSeconds) > TIMESTAMP_TOLERANCE_SECONDS)
    return invalid(`webhook-timestamp is more than ${TIMESTAMP_TOLERANCE_SECONDS / 60} minutes from the server's time`);
  const expected = standardWebhookSignature(secret, messageId, unixSeconds, request.body);
  const matches = signatures
    .split(' ')
    .map((entry) => entry.split(','))
    .filter(([version, signature]) => version === SIGNATURE_VERSION && signature !== undefined)
    // Every entry is compared, so the time taken does not tell which one matched.
    .map(([, signature]) => sameSignature(signature!, expected));
  return matches.includes(true) ? VALID : invalid('no webhook-signature entry matches the body');
}
