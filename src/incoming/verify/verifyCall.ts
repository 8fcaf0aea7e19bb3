import type { VerificationSettings } from '../../domain/incoming/incomingWebhookEvents';
import { checkHmacSha256 } from './hmacSha256Check';
import type { SignatureCheck, SignedRequest } from './signatureCheck';
import { invalid, VALID } from './signatureCheck';
import { checkStandardWebhooks } from './standardWebhooksCheck';

/**
 * Checks a call against its hook's verification. `secret` is the hook's opened secret; a hook that should
 * verify but holds none refuses every call rather than letting them through unchecked.
 */
export function verifyCall(verification: VerificationSettings, secret: string | null, request: SignedRequest, now: Date): SignatureCheck {
  if (verification.kind === 'none') return VALID;
  if (secret === null) return invalid('this incoming webhook has no verification secret; regenerate it');
  if (verification.kind === 'standard_webhooks') return checkStandardWebhooks(secret, request, now);
  return checkHmacSha256(secret, verification.header, request);
}
