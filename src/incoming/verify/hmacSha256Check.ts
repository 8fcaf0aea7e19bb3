import { bodySignatureHex, sameSignature } from '../../security/webhookSignatures';
import type { SignatureCheck, SignedRequest } from './signatureCheck';
import { invalid, VALID } from './signatureCheck';

const OPTIONAL_PREFIX = /^sha256=/i;

/** The hex HMAC-SHA256 of the raw body under the secret, in the hook's header, optionally written `sha256=<hex>`. */
export function checkHmacSha256(secret: string, headerName: string, request: SignedRequest): SignatureCheck {
  const presented = request.header(headerName);
  if (!presented) return invalid(`the ${headerName} header is required`);
  const hex = presented.trim().replace(OPTIONAL_PREFIX, '').toLowerCase();
  return sameSignature(hex, bodySignatureHex(secret, request.body)) ? VALID : invalid(`${headerName} does not match the body`);
}
