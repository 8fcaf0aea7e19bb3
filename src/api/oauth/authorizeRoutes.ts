import type { Request } from 'express';
import { DomainError } from '../../domain/shared/domainError';
import type { EventMetadata } from '../../ports/eventStore';
import type { UserView } from '../../projections/users/usersProjection';
import { USERS } from '../../projections/users/usersProjection';
import type { Principal } from '../auth/principal';
import { ApiError } from '../http/apiError';
import { retryAfterOf } from '../http/errorHandler';
import { route } from '../http/route';
import type { Route, RouteResult } from '../http/route';
import type { AuthorizationRequest } from './authorizeRequest';
import { authorizeQuery, checkAuthorizeRequest, errorRedirect } from './authorizeRequest';
import type { Decision } from './authorizationDecision';
import { AuthorizationDecisions } from './authorizationDecision';
import type { ConsentView } from './consentPage';
import { consentHeaders, consentPage, errorPage } from './consentPage';
import { ConsentSignIn } from './consentSignIn';
import type { SignedRequest } from './consentTokens';
import { REQUEST_TOKEN_TTL_SECONDS } from './consentTokens';
import { protocolFormReader } from './formBody';
import { htmlAnswer } from './html';
import { FORM_MEDIA_TYPE, OAUTH_PATHS, servedOAuthPath } from './protocolPaths';
import type { ProtocolError } from './protocolErrors';
import { PROTOCOL_NO_STORE } from './protocolErrors';
import type { ConsentForm } from './protocolSchemas';
import { consentDecisionInput, consentForm, consentRedirect, consentRequestResponse } from './protocolSchemas';
import type { OAuthProtocolServices } from './protocolServices';
import { protocolPorts } from './protocolServices';
import { SCOPE_DESCRIPTIONS } from './scopeDescriptions';

const ENVELOPE_CODES = { 400: 'validation_error', 413: 'payload_too_large', 415: 'unsupported_media_type' } as const;

/** A client that asks for JSON (an API client, the console) gets JSON; a browser gets the pages. */
const prefersJson = (req: Request): boolean => req.accepts(['text/html', 'application/json']) === 'application/json';

const redirected = (location: string): RouteResult => ({ status: 302, headers: { Location: location, 'Cache-Control': 'no-store' } });

/** GET and POST /oauth/authorize: the authorization request, the consent page and the user's decision. */
export function authorizeRoutes(services: OAuthProtocolServices): Route[] {
  const { oauthClients, oauthConsent, readStore, logger } = services;
  const readProtocolForm = protocolFormReader(services.limits.jsonBodyBytes);
  const signIn = new ConsentSignIn(services.passwordCheck, services.secondFactor, oauthConsent);
  const decisions = new AuthorizationDecisions(protocolPorts(services), logger);

  /** A request that cannot go back to any app: an error page, or the error envelope for a client that asks for JSON. */
  const refusedPage = (status: 400 | 413 | 415, error: ProtocolError, json: boolean, field = 'query'): RouteResult => {
    if (json) throw new ApiError(ENVELOPE_CODES[status], error.error_description, [{ path: field, message: error.error }]);
    return htmlAnswer(status, errorPage(error), consentHeaders(null));
  };

  const ownerName = async (ownerId: string) => (await readStore.get<UserView>(USERS, ownerId))?.username ?? null;

  /** The consent page for a request, at a step of the sign-in. */
  const consentAnswer = async (
    status: number,
    request: Omit<AuthorizationRequest, 'state' | 'codeChallenge' | 'codeChallengeMethod'>,
    requestToken: string,
    step: Pick<ConsentView, 'step' | 'signInToken' | 'username' | 'error'>,
    headers: Record<string, string> = {},
  ): Promise<RouteResult> => {
    const view: ConsentView = {
      action: servedOAuthPath('authorize'),
      appName: request.client.name,
      ownerUsername: await ownerName(request.client.ownerId),
      scopes: request.scopes,
      redirectUri: request.redirectUri,
      requestToken,
      ...step,
    };
    return htmlAnswer(status, consentPage(view), { ...consentHeaders(request.redirectUri), ...headers });
  };

  const decide = (signed: SignedRequest, decision: 'approve' | 'deny', userId: string | null, metadata: EventMetadata) =>
    decision === 'deny' || userId === null ? Promise.resolve(decisions.deny(signed)) : decisions.approve(signed, userId, metadata);

  const staleRequest: ProtocolError = {
    error: 'invalid_request',
    error_description: 'this authorization page has expired or was altered; go back to the app and start again',
  };

  /** The signed request with its app as it is now; null when the token is bad or the app is gone. */
  const openRequest = async (requestToken: string) => {
    const signed = await oauthConsent.openRequest(requestToken);
    const client = signed && (await oauthClients.find(signed.clientId));
    return signed && client ? { signed, client } : null;
  };

  /** The form's POST: deny at once, or sign the user in (password, then second factor) and approve. */
  const formDecision = async (form: ConsentForm, json: boolean, metadata: EventMetadata): Promise<RouteResult> => {
    const opened = await openRequest(form.request_token);
    if (!opened) return refusedPage(400, staleRequest, json, 'body.request_token');
    const { signed, client } = opened;
    const shown = { client, redirectUri: signed.redirectUri, scopes: signed.scopes };
    if (form.decision === 'deny') return answerDecision(await decide(signed, 'deny', null, metadata), false);
    try {
      const outcome = await signIn.signIn(form, metadata);
      if (outcome.kind === 'second_factor')
        return await consentAnswer(200, shown, form.request_token, { step: 'second_factor', signInToken: outcome.signInToken });
      return answerDecision(await decide(signed, 'approve', outcome.userId, metadata), false);
    } catch (error) {
      if (!(error instanceof DomainError) || (error.kind !== 'unauthorized' && error.kind !== 'too_many_attempts')) throw error;
      const locked = error.kind === 'too_many_attempts';
      const signInToken = form.sign_in_token ? form.sign_in_token : undefined;
      const stillSignedIn = signInToken !== undefined && (await oauthConsent.openSignIn(signInToken, form.request_token)) !== null;
      const step = stillSignedIn
        ? { step: 'second_factor' as const, signInToken, error: error.message }
        : { step: 'password' as const, username: form.username, error: error.message };
      return await consentAnswer(locked ? 429 : 401, shown, form.request_token, step, retryAfterOf(error));
    }
  };

  const answerDecision = (decision: Decision, json: boolean): RouteResult => {
    if (decision.kind === 'refused') return refusedPage(400, decision.error, json, 'body.request_token');
    return json
      ? { status: 200, body: { redirect_to: decision.location }, headers: { ...PROTOCOL_NO_STORE } }
      : redirected(decision.location);
  };

  /** A signed-in client's decision: a session's Bearer token stands for the user (their second factor was given at login). */
  const sessionDecision = async (
    input: { request_token: string; decision: 'approve' | 'deny' },
    principal: Principal | null,
    credentialPresented: boolean,
    metadata: EventMetadata,
  ): Promise<RouteResult> => {
    if (!principal)
      throw new ApiError(
        'unauthorized',
        credentialPresented
          ? 'the credentials are invalid or expired'
          : "a JSON decision needs a session's Bearer token; people decide on the consent page's form",
        [],
        { 'WWW-Authenticate': 'Bearer' },
      );
    if (principal.kind !== 'session')
      throw new ApiError('forbidden', 'only a login session may approve an app; an API or OAuth token cannot');
    const opened = await openRequest(input.request_token);
    if (!opened)
      throw new ApiError('validation_error', staleRequest.error_description, [{ path: 'body.request_token', message: 'invalid' }]);
    return answerDecision(await decide(opened.signed, input.decision, principal.userId, metadata), true);
  };

  return [
    route({
      method: 'get',
      path: OAUTH_PATHS.authorize,
      tag: 'oauth',
      access: 'public',
      summary:
        'OAuth 2.0 authorization endpoint (RFC 6749 §4.1.1, PKCE RFC 7636): the consent page naming the app and its scopes, ' +
        'or (Accept: application/json) the request it shows. An unknown app or unregistered redirect URI answers an error page, never a redirect; ' +
        'other errors redirect to the app with error, error_description and state',
      query: authorizeQuery,
      responses: {
        200: { description: 'The consent page (text/html), or the request as JSON', schema: consentRequestResponse },
        302: {
          description: 'An error sent back to the app: error, error_description, state',
          headers: { Location: { description: 'The redirect URI' } },
        },
        400: { description: 'Unknown client_id, or a redirect_uri that is not registered exactly: an error page, no redirect' },
      },
      async handler({ query, req }) {
        const json = prefersJson(req);
        const check = await checkAuthorizeRequest(query, oauthClients);
        if (check.kind === 'refused') return refusedPage(400, check.error, json);
        if (check.kind === 'redirect') return redirected(errorRedirect(check.redirectUri, check.error, check.state));
        const { request } = check;
        const requestToken = await oauthConsent.signRequest({
          clientId: request.client.clientId,
          redirectUri: request.redirectUri,
          scopes: request.scopes,
          state: request.state,
          codeChallenge: request.codeChallenge,
          codeChallengeMethod: request.codeChallengeMethod,
        });
        if (!json) return consentAnswer(200, request, requestToken, { step: 'password' });
        return {
          status: 200,
          headers: { ...PROTOCOL_NO_STORE },
          body: {
            client_id: request.client.clientId,
            app: { name: request.client.name, owner: await ownerName(request.client.ownerId) },
            scopes: request.scopes.map((scope) => ({ scope, description: SCOPE_DESCRIPTIONS[scope] })),
            redirect_uri: request.redirectUri,
            state: request.state,
            request_token: requestToken,
            expires_in: REQUEST_TOKEN_TTL_SECONDS,
          },
        };
      },
    }),
    route({
      method: 'post',
      path: OAUTH_PATHS.authorize,
      tag: 'oauth',
      access: 'public',
      summary:
        "The user's decision on the consent page: the form signs in (password, then the authentication code when the user has MFA) and answers " +
        "302 to the app's redirect URI with code and state (or error=access_denied); a JSON body with a session's Bearer token answers {redirect_to}",
      body: consentDecisionInput,
      streamedBody: { mediaTypes: [FORM_MEDIA_TYPE], schema: consentForm },
      // The decision is made once: a code is single use, and OAuth clients retry by starting again.
      ownIdempotency: true,
      responses: {
        200: {
          description: 'JSON decision: where to send the user; or the form again, asking for the authentication code',
          schema: consentRedirect,
        },
        302: {
          description: "Sent back to the app's redirect URI with code and state, or error=access_denied",
          headers: { Location: { description: 'The redirect URI' } },
        },
        401: { description: 'JSON: no session. The form answers its page again (text/html) with the error: wrong password or code' },
        403: { description: 'JSON decision with an API or OAuth token: only a session may approve' },
        429: {
          description:
            "Too many requests; or the form's page (text/html) while the user's second factor is locked out after repeated failures",
        },
      },
      async handler({ body, streamed, principal, req, res, metadata }) {
        if (!streamed) return sessionDecision(body, principal, Boolean(res.locals.credentialPresented), metadata);
        const form = await readProtocolForm(req, res, consentForm);
        if (!form.ok)
          return refusedPage(form.status, { error: 'invalid_request', error_description: form.description }, prefersJson(req), form.field);
        return formDecision(form.fields, prefersJson(req), metadata);
      },
    }),
  ];
}
