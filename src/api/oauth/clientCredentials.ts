import type { Request } from 'express';

/** The credentials a client presents at the token or revocation endpoint (RFC 6749 §2.3.1). */
export interface PresentedClient {
  clientId: string;
  secret: string | null;
  /** Sent in the Authorization header: a refusal answers 401 with WWW-Authenticate (RFC 6749 §5.2). */
  viaHeader: boolean;
}

/** RFC 6749 §2.3.1 form-encodes the id and the secret before Basic joins them. */
function formDecoded(text: string): string | null {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

export function basicCredentials(authorization: string): PresentedClient | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization);
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const clientId = formDecoded(decoded.slice(0, colon));
  const secret = formDecoded(decoded.slice(colon + 1));
  return clientId && secret !== null ? { clientId, secret: secret === '' ? null : secret, viaHeader: true } : null;
}

/** An Authorization header that is not readable Basic credentials (RFC 6749 §5.2: invalid_client, 401, with the challenge). */
export function unreadableAuthorization(req: Request): boolean {
  const authorization = req.get('authorization');
  return authorization !== undefined && basicCredentials(authorization) === null;
}

/**
 * The Authorization header with the Basic credentials form-decoded, for @node-oauth/oauth2-server, which
 * reads them without decoding (a client that encodes the dashes of its UUID client id would be unknown).
 */
export function decodedBasicAuthorization(authorization: string): string {
  const basic = basicCredentials(authorization);
  return basic ? `Basic ${Buffer.from(`${basic.clientId}:${basic.secret ?? ''}`, 'utf8').toString('base64')}` : authorization;
}

/**
 * The client's id and secret from client_secret_basic or client_secret_post, or its id alone (a public
 * client); null when none is presented, or in a form that cannot be read, or in two ways at once.
 */
export function presentedClient(req: Request, form: { client_id?: string; client_secret?: string }): PresentedClient | null {
  const authorization = req.get('authorization');
  if (authorization !== undefined) {
    if (form.client_secret !== undefined) return null;
    const basic = basicCredentials(authorization);
    return basic && (form.client_id === undefined || form.client_id === basic.clientId) ? basic : null;
  }
  if (!form.client_id) return null;
  return { clientId: form.client_id, secret: form.client_secret || null, viaHeader: false };
}
