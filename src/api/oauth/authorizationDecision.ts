import OAuth2Server from '@node-oauth/oauth2-server';
import { DomainError } from '../../domain/shared/domainError';
import type { EventMetadata } from '../../ports/eventStore';
import type { Logger } from '../../ports/logger';
import { errorRedirect } from './authorizeRequest';
import type { SignedRequest } from './consentTokens';
import type { OAuthProtocolPorts } from './oauthModel';
import { authorizationServer } from './oauthServer';
import type { ProtocolError } from './protocolErrors';

/** Where the user goes after deciding, or why they cannot be sent back to the app at all. */
export type Decision = { kind: 'redirect'; location: string } | { kind: 'refused'; error: ProtocolError };

/** The library's parameters for a request the consent page showed, checked when it was shown. */
const libraryQuery = (signed: SignedRequest): Record<string, string> => ({
  response_type: 'code',
  client_id: signed.clientId,
  redirect_uri: signed.redirectUri,
  scope: signed.scopes.join(' '),
  state: signed.state,
  ...(signed.codeChallenge ? { code_challenge: signed.codeChallenge, code_challenge_method: 'S256' } : {}),
});

/** A signed-in user's decision on a request the consent page showed them. */
export class AuthorizationDecisions {
  constructor(
    private readonly ports: OAuthProtocolPorts,
    private readonly logger: Logger,
  ) {}

  deny(signed: SignedRequest): Decision {
    const denied: ProtocolError = { error: 'access_denied', error_description: 'the user denied the request' };
    return { kind: 'redirect', location: errorRedirect(signed.redirectUri, denied, signed.state) };
  }

  /** The library checks the request again and issues the code through the grant aggregate (OAuthGrantGiven, OAuthCodeIssued). */
  async approve(signed: SignedRequest, userId: string, metadata: EventMetadata): Promise<Decision> {
    const request = new OAuth2Server.Request({ method: 'POST', headers: {}, query: libraryQuery(signed), body: {} });
    const response = new OAuth2Server.Response();
    const server = authorizationServer(this.ports, { ...metadata, actor: userId }, 'registered');
    try {
      await server.authorize(request, response, { authenticateHandler: { handle: () => ({ id: userId }) } });
    } catch (error) {
      if (!(error instanceof OAuth2Server.OAuthError)) throw error;
      if (error instanceof OAuth2Server.ServerError) {
        const inner = (error as { inner?: unknown }).inner;
        // The grant refused the code (the app lost a scope or the redirect URI since the page was shown): no redirect to trust.
        if (inner instanceof DomainError) return { kind: 'refused', error: { error: 'invalid_request', error_description: inner.message } };
        // Anything else is no client's doing: the API's error handler logs it and answers a 500.
        throw inner ?? error;
      }
      const location = response.get('location') as string | undefined;
      // Refused before the redirect URI was trusted (the app was deleted since the page was shown): no redirect.
      if (!location) return { kind: 'refused', error: { error: 'invalid_request', error_description: error.message } };
      this.logger.debug('authorization refused by the library after consent', { error: error.message });
    }
    return { kind: 'redirect', location: response.get('location') as string };
  }
}
