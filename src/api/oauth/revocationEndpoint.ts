import { route } from '../http/route';
import type { Route } from '../http/route';
import { presentedClient } from './clientCredentials';
import { protocolFormReader } from './formBody';
import { FORM_MEDIA_TYPE, OAUTH_PATHS } from './protocolPaths';
import {
  CLIENT_CHALLENGE,
  CLIENT_UNAUTHENTICATED,
  invalidRequest,
  PROTOCOL_NO_STORE,
  protocolErrorAnswer,
  protocolErrorBody,
} from './protocolErrors';
import { revocationForm } from './protocolSchemas';
import type { OAuthProtocolServices } from './protocolServices';

/** POST /oauth/revoke (RFC 7009): an app revokes a token it holds, and with it the token's family. */
export function revocationEndpointRoute(services: OAuthProtocolServices): Route {
  const readProtocolForm = protocolFormReader(services.limits.jsonBodyBytes);
  return route({
    method: 'post',
    path: OAUTH_PATHS.revoke,
    tag: 'oauth',
    access: 'public',
    summary:
      'OAuth 2.0 token revocation (RFC 7009): revokes an access or refresh token of the authenticated app and every token of its family. ' +
      'An unknown token, or one of another app, is answered 200 too. Errors answer RFC 6749 §5.2',
    streamedBody: { mediaTypes: [FORM_MEDIA_TYPE], schema: revocationForm },
    ownIdempotency: true,
    responses: {
      200: { description: 'Revoked, or the token was not one to revoke' },
      400: { description: 'invalid_request', schema: protocolErrorBody },
      401: { description: 'invalid_client: unknown app, or wrong or missing secret', schema: protocolErrorBody },
      413: { description: 'invalid_request: the form is too large', schema: protocolErrorBody },
    },
    async handler({ req, res, metadata }) {
      const form = await readProtocolForm(req, res, revocationForm);
      if (!form.ok) return protocolErrorAnswer(form.status, invalidRequest(form.description));
      const presented = presentedClient(req, form.fields);
      const client = presented && (await services.oauthClients.authenticate(presented.clientId, presented.secret));
      if (!client) return protocolErrorAnswer(401, CLIENT_UNAUTHENTICATED, req.get('authorization') ? CLIENT_CHALLENGE : {});
      await services.oauthGrants.revokeToken(form.fields.token, client.clientId, metadata);
      return { status: 200, headers: { ...PROTOCOL_NO_STORE } };
    },
  });
}
