import { z } from 'zod';
import type { Scope } from '../../domain/access/scopes';
import type { OAuthClient, OAuthClients } from '../../commands/oauth/oauthPorts';
import { grantableScopes } from './oauthModel';
import type { ProtocolError } from './protocolErrors';

/** The authorize endpoint's parameters (RFC 6749 §4.1.1, RFC 7636 §4.3); unknown ones are ignored, as §3.1 says. */
export const authorizeQuery = z.looseObject({
  response_type: z.string().optional().describe('`code`'),
  client_id: z.string().optional().describe("The app's client id"),
  redirect_uri: z.string().optional().describe('One of the redirect URIs registered for the app, exactly'),
  scope: z.string().optional().describe("Space-separated scopes; the app's own scopes when left out"),
  state: z.string().optional().describe('Required: answered back unchanged with the code or the error'),
  code_challenge: z.string().optional().describe('PKCE: base64url SHA-256 of the code verifier (required for public apps)'),
  code_challenge_method: z.string().optional().describe('`S256`, required with code_challenge (`plain` is refused)'),
});
export type AuthorizeQuery = z.infer<typeof authorizeQuery>;

/** What a user is asked to allow, checked whole: the consent page shows it and the signed request token carries it. */
export interface AuthorizationRequest {
  client: OAuthClient;
  redirectUri: string;
  scopes: Scope[];
  state: string;
  codeChallenge: string | null;
  codeChallengeMethod: 'S256' | null;
}

export type AuthorizeCheck =
  | { kind: 'valid'; request: AuthorizationRequest }
  /** No trusted place to send the user back to (unknown app, redirect URI not registered): an error page, never a redirect. */
  | { kind: 'refused'; error: ProtocolError }
  /** RFC 6749 §4.1.2.1: the app learns of the error at its redirect URI. */
  | { kind: 'redirect'; redirectUri: string; state: string | null; error: ProtocolError };

/** RFC 6749 Appendix A.5: `state` is visible ASCII; bounded so that it fits in a redirect. */
const STATE = /^[\x20-\x7e]{1,512}$/;
/** RFC 7636 §4.2: an S256 challenge is the 43-character base64url SHA-256 of the verifier. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

const invalid = (error: ProtocolError['error'], description: string): ProtocolError => ({ error, error_description: description });

/** The request's own problems, once its app and redirect URI are known good: the first one found, or null. */
function problemOf(query: AuthorizeQuery, client: OAuthClient): ProtocolError | null {
  if (query.state === undefined || query.state === '') return invalid('invalid_request', 'state is required');
  if (!STATE.test(query.state)) return invalid('invalid_request', 'state must be 1 to 512 visible ASCII characters');
  if (query.response_type === undefined) return invalid('invalid_request', 'response_type is required');
  if (query.response_type !== 'code') return invalid('unsupported_response_type', 'only response_type=code is supported');
  const method = query.code_challenge_method;
  if (method !== undefined && method !== 'S256') return invalid('invalid_request', 'code_challenge_method must be S256 (plain is refused)');
  if (query.code_challenge === undefined) {
    if (method !== undefined) return invalid('invalid_request', 'code_challenge_method was given without a code_challenge');
    if (client.clientType === 'public')
      return invalid('invalid_request', 'a public app must use PKCE: code_challenge with S256 is required');
  } else if (method === undefined) {
    // RFC 7636 §4.3: left out, the method is plain, which Filora refuses; a challenge is never taken for S256 unsaid.
    return invalid('invalid_request', 'code_challenge_method must be S256 (left out, it means plain, which is refused)');
  } else if (!S256_CHALLENGE.test(query.code_challenge)) {
    return invalid('invalid_request', 'code_challenge must be 43 base64url characters (the SHA-256 of the verifier)');
  }
  const requested = query.scope === undefined ? undefined : query.scope.split(' ');
  if (requested?.some((scope) => scope === '') || grantableScopes(client, requested) === false)
    return invalid('invalid_scope', `scope must be space-separated scopes of the app: ${client.scopes.join(' ')}`);
  return null;
}

/**
 * Checks an authorization request before anything is shown or redirected: first the app and its redirect
 * URI (exact match), where a failure must not redirect; then the rest, whose failures go back to the app.
 */
export async function checkAuthorizeRequest(query: AuthorizeQuery, clients: OAuthClients): Promise<AuthorizeCheck> {
  if (!query.client_id) return { kind: 'refused', error: invalid('invalid_request', 'client_id is required') };
  const client = await clients.find(query.client_id);
  if (!client) return { kind: 'refused', error: invalid('invalid_client', 'no app has this client_id') };
  if (!query.redirect_uri) return { kind: 'refused', error: invalid('invalid_request', 'redirect_uri is required') };
  if (!client.redirectUris.includes(query.redirect_uri))
    return { kind: 'refused', error: invalid('invalid_request', 'redirect_uri is not one the app registered (it must match exactly)') };
  const redirectUri = query.redirect_uri;
  const problem = problemOf(query, client);
  const state = query.state && STATE.test(query.state) ? query.state : null;
  if (problem) return { kind: 'redirect', redirectUri, state, error: problem };
  return {
    kind: 'valid',
    request: {
      client,
      redirectUri,
      scopes: grantableScopes(client, query.scope?.split(' ')) || [],
      state: query.state!,
      codeChallenge: query.code_challenge ?? null,
      codeChallengeMethod: query.code_challenge === undefined ? null : 'S256',
    },
  };
}

/** The redirect that tells the app of an error (RFC 6749 §4.1.2.1), its own query parameters kept. */
export function errorRedirect(redirectUri: string, error: ProtocolError, state: string | null): string {
  const url = new URL(redirectUri);
  url.searchParams.set('error', error.error);
  url.searchParams.set('error_description', error.error_description);
  if (state !== null) url.searchParams.set('state', state);
  return url.toString();
}
