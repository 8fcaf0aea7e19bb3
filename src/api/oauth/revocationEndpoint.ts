import { discardRestOfBody } from '../files/requestBody';
import { route } from '../http/route';
import type { Route } from '../http/route';
import { presentedClient } from './clientCredentials';
import { formReader, isForm, UnreadableForm } from './formBody';
import { FORM_MEDIA_TYPE, OAUTH_PATHS } from './protocolPaths';
import { CLIENT_CHALLENGE, NO_STORE, protocolErrorAnswer, protocolErrorBody } from './protocolErrors';
import { revocationForm } from './protocolSchemas';
import type { OAuthProtocolServices } from './protocolServices';

const invalidRequest = (description: string) => ({ error: 'invalid_request' as const, error_description: description });

/** POST /oauth/revoke (RFC 7009): an app revokes a token it holds, and with it the token's family. */
export function revocationEndpointRoute(services: OAuthProtocolServices): Route {
  const readForm = formReader(services.limits.jsonBodyBytes);
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
      if (!isForm(req)) {
        discardRestOfBody(req);
        return protocolErrorAnswer(400, invalidRequest(`the body must be ${FORM_MEDIA_TYPE}`));
      }
      let fields: Record<string, unknown>;
      try {
        fields = await readForm(req, res);
      } catch (error) {
        if (!(error instanceof UnreadableForm)) throw error;
        return protocolErrorAnswer(error.status, invalidRequest(error.message));
      }
      const form = revocationForm.safeParse(fields);
      if (!form.success) {
        const issue = form.error.issues[0];
        return protocolErrorAnswer(400, invalidRequest(`${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`));
      }
      const presented = presentedClient(req, form.data);
      const client = presented && (await services.oauthClients.authenticate(presented.clientId, presented.secret));
      if (!client) {
        const challenge = req.get('authorization') ? CLIENT_CHALLENGE : {};
        return protocolErrorAnswer(401, { error: 'invalid_client', error_description: 'the client could not be authenticated' }, challenge);
      }
      await services.oauthGrants.revokeToken(form.data.token, client.clientId, metadata);
      return { status: 200, headers: { ...NO_STORE } };
    },
  });
}
