import OAuth2Server from '@node-oauth/oauth2-server';
import type { Request } from 'express';
import { route } from '../http/route';
import type { Route } from '../http/route';
import { decodedBasicAuthorization, unreadableAuthorization } from './clientCredentials';
import { protocolFormReader } from './formBody';
import { authorizationServer } from './oauthServer';
import { FORM_MEDIA_TYPE, OAUTH_PATHS } from './protocolPaths';
import {
  invalidRequest,
  CLIENT_CHALLENGE,
  CLIENT_UNAUTHENTICATED,
  PROTOCOL_NO_STORE,
  protocolErrorAnswer,
  protocolErrorBody,
  protocolErrorOf,
} from './protocolErrors';
import type { ProtocolError } from './protocolErrors';
import { tokenParams, tokenRequestForm, tokenResponse } from './protocolSchemas';
import type { OAuthProtocolServices } from './protocolServices';
import { protocolPorts } from './protocolServices';

/** The headers the library reads: the body's type and length (type-is) and the client's Basic credentials. */
function libraryHeaders(req: Request): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of ['content-type', 'content-length', 'transfer-encoding', 'authorization']) {
    const value = req.get(name);
    if (value !== undefined) headers[name] = name === 'authorization' ? decodedBasicAuthorization(value) : value;
  }
  return headers;
}

/** The error the library threw, or what the commands under its model threw when it is no client's doing (a 500). */
const underlying = (error: unknown): unknown =>
  error instanceof OAuth2Server.ServerError ? ((error as { inner?: unknown }).inner ?? error) : error;

const SUPPORTED_GRANT_TYPES: ReadonlySet<string> = new Set(tokenRequestForm.shape.grant_type.options);
const UNSUPPORTED_GRANT_TYPE: ProtocolError = {
  error: 'unsupported_grant_type',
  error_description: `grant_type must be one of: ${[...SUPPORTED_GRANT_TYPES].join(', ')}`,
};

/** POST /oauth/token: the authorization code grant with PKCE and refresh with rotation, by @node-oauth/oauth2-server. */
export function tokenEndpointRoute(services: OAuthProtocolServices): Route {
  const readProtocolForm = protocolFormReader(services.limits.jsonBodyBytes);
  return route({
    method: 'post',
    path: OAUTH_PATHS.token,
    tag: 'oauth',
    access: 'public',
    summary:
      'OAuth 2.0 token endpoint (RFC 6749 §4.1.3, §6): exchange a code and its PKCE verifier, or a refresh token (rotated), for tokens. ' +
      'Client authentication: client_secret_basic or client_secret_post; a public app sends its client_id only. Errors answer RFC 6749 §5.2, not the error envelope',
    streamedBody: { mediaTypes: [FORM_MEDIA_TYPE], schema: tokenRequestForm },
    // OAuth defines its own retries: a code is single use, a refresh token spent by its rotation.
    ownIdempotency: true,
    responses: {
      200: { description: 'Tokens (never cached)', schema: tokenResponse },
      400: {
        description: 'invalid_request, invalid_grant, unsupported_grant_type, invalid_scope, unauthorized_client',
        schema: protocolErrorBody,
      },
      401: {
        description: 'invalid_client: unknown app, wrong or missing secret, or an Authorization header that is not readable Basic',
        schema: protocolErrorBody,
      },
      413: { description: 'invalid_request: the form is too large', schema: protocolErrorBody },
    },
    async handler({ req, res, metadata }) {
      const form = await readProtocolForm(req, res, tokenParams);
      if (!form.ok) return protocolErrorAnswer(form.status, invalidRequest(form.description));
      const grantType = form.fields.grant_type;
      if (grantType === undefined) return protocolErrorAnswer(400, invalidRequest('grant_type is required'));
      // The library answers a grant type it has no handler for (password, client_credentials) as the client's fault.
      if (!SUPPORTED_GRANT_TYPES.has(grantType)) return protocolErrorAnswer(400, UNSUPPORTED_GRANT_TYPE);
      if (unreadableAuthorization(req)) return protocolErrorAnswer(401, CLIENT_UNAUTHENTICATED, CLIENT_CHALLENGE);
      const request = new OAuth2Server.Request({ method: 'POST', headers: libraryHeaders(req), query: {}, body: form.fields });
      const response = new OAuth2Server.Response();
      try {
        const presented = { redirectUri: form.fields.redirect_uri };
        await authorizationServer(protocolPorts(services), metadata, 'authenticated', presented).token(request, response);
      } catch (error) {
        const refused = protocolErrorOf(error);
        if (!refused) throw underlying(error);
        // The library asks for Basic where RFC 6749 §5.2 says to (a client that tried it); in Filora's words.
        const challenged = response.get('www-authenticate') !== undefined;
        return protocolErrorAnswer(refused.status, refused.error, challenged ? CLIENT_CHALLENGE : {});
      }
      return { status: 200, body: response.body as unknown, headers: { ...PROTOCOL_NO_STORE } };
    },
  });
}
