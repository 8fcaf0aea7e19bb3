import { randomBytes } from 'node:crypto';
import type { VerificationKind } from '../domain/incoming/incomingWebhookEvents';
import { newWebhookSecret } from './webhookSecrets';

const HMAC_SECRET_BYTES = 32;

/**
 * A new secret for an incoming webhook's verification, when its owner gives none: Standard Webhooks' shape
 * (`whsec_` + base64) for `standard_webhooks`, 32 random bytes in hex for `hmac_sha256`; null for `none`.
 */
export function newVerificationSecret(kind: VerificationKind): string | null {
  if (kind === 'standard_webhooks') return newWebhookSecret();
  if (kind === 'hmac_sha256') return randomBytes(HMAC_SECRET_BYTES).toString('hex');
  return null;
}
