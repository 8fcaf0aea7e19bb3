import OAuth2Server from '@node-oauth/oauth2-server';
import { z } from 'zod';
import { NO_STORE } from '../http/secretAnswer';
import { DomainError } from '../../domain/shared/domainError';
import type { RouteResult } from '../http/route';

/** RFC 6749 §4.1.2.1 and §5.2, RFC 7009 §2.2.1: the error codes OAuth clients understand. */
export type ProtocolErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'invalid_scope'
  | 'access_denied'
  | 'server_error'
  | 'temporarily_unavailable';

export interface ProtocolError {
  error: ProtocolErrorCode;
  error_description: string;
}

/**
 * The token and revocation endpoints answer errors as RFC 6749 §5.2 says, not in the API's envelope:
 * the one documented exception, because OAuth clients parse this shape.
 */
export const protocolErrorBody = z
  .object({ error: z.string(), error_description: z.string() })
  .meta({ id: 'OAuthError', description: 'RFC 6749 §5.2 error (the OAuth endpoints answer this instead of the error envelope)' });

/** What a client that failed to authenticate with Basic is told to use (RFC 6749 §5.2). */
export const CLIENT_CHALLENGE = { 'WWW-Authenticate': 'Basic realm="filora"' } as const;

/** A client that could not be authenticated, whichever way it tried. */
export const CLIENT_UNAUTHENTICATED: ProtocolError = {
  error: 'invalid_client',
  error_description: 'the client could not be authenticated',
};

/** Answers of the token and revocation endpoints are never cached (RFC 6749 §5.1). */
export const PROTOCOL_NO_STORE = { ...NO_STORE, Pragma: 'no-cache' } as const;

/** A request the protocol cannot read: a missing, repeated or malformed parameter. */
export const invalidRequest = (description: string): ProtocolError => ({ error: 'invalid_request', error_description: description });

export const protocolErrorAnswer = (status: number, error: ProtocolError, headers: Record<string, string> = {}): RouteResult => ({
  status,
  body: error,
  headers: { ...PROTOCOL_NO_STORE, ...headers },
});

/** What a refusal of the grant commands means to an OAuth client. */
function fromDomainError(error: DomainError): { status: number; error: ProtocolError } | null {
  const described = (code: ProtocolErrorCode) => ({ error: code, error_description: error.message });
  switch (error.kind) {
    case 'unauthorized':
    case 'not_found':
    case 'conflict':
    case 'forbidden':
      return { status: 400, error: described('invalid_grant') };
    case 'invalid':
      return { status: 400, error: described('invalid_request') };
    case 'unavailable':
    case 'too_many_attempts':
      return { status: 503, error: described('temporarily_unavailable') };
    default:
      return null;
  }
}

/**
 * The status and body an error of the library (or of the commands under its model) answers; null for an
 * error that is no client's doing, which the API's error handler logs and answers as a 500.
 */
export function protocolErrorOf(thrown: unknown): { status: number; error: ProtocolError } | null {
  if (!(thrown instanceof OAuth2Server.OAuthError)) return thrown instanceof DomainError ? fromDomainError(thrown) : null;
  // The library wraps what the model threw in a server_error: a refusal of the commands is the client's.
  const inner: unknown = (thrown as { inner?: unknown }).inner;
  if (thrown instanceof OAuth2Server.ServerError) return inner instanceof DomainError ? fromDomainError(inner) : null;
  if (thrown.code >= 500) return null;
  return { status: thrown.code, error: { error: thrown.name as ProtocolErrorCode, error_description: thrown.message } };
}
