import { createHmac, timingSafeEqual } from 'node:crypto';
import { standardSigningKey } from './webhookSecrets';

/** A body as signed: the text sent, or the raw bytes received. */
export type SignedBody = string | Uint8Array;

/**
 * Standard Webhooks' signature of one message, base64 (a header entry is `v1,` + this): the HMAC-SHA256,
 * keyed by the secret's bytes, of `<msg id>.<unix seconds>.<body>`.
 */
export const standardWebhookSignature = (secret: string, messageId: string, unixSeconds: number, body: SignedBody): string =>
  createHmac('sha256', standardSigningKey(secret)).update(`${messageId}.${unixSeconds}.`).update(body).digest('base64');

/** The hex HMAC-SHA256 of the body, keyed by the secret's whole text (the seeds' `X-Filora-Signature`, `hash_hmac` in PHP). */
export const bodySignatureHex = (secret: string, body: SignedBody): string => createHmac('sha256', secret).update(body).digest('hex');

/** Whether a presented signature is the expected one, in time that does not depend on where they differ. */
export function sameSignature(presented: string, expected: string): boolean {
  const a = Buffer.from(presented, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
