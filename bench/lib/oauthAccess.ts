import { call } from '../../test/support/http';
import { authorizePath, oauthPost, pkcePair, REDIRECT_URI, redirectQuery, registerApp } from '../../test/support/oauthConsent';

export interface OAuthAccess {
  clientId: string;
  accessToken: string;
  /** The scopes granted, space separated. */
  scope: string;
  expiresInSeconds: number;
}

const STATE = 'bench';

/**
 * An OAuth access token for the session's user, over HTTP as an app gets one: the user registers an app
 * (confidential), the app asks for `scopes` with PKCE (S256), the user approves with the session's Bearer
 * token (the JSON decision), and the app exchanges the code at the token endpoint with its Basic credentials.
 */
export async function oauthAccess(url: string, sessionToken: string, scopes: readonly string[]): Promise<OAuthAccess> {
  const app = await registerApp(url, sessionToken, { name: 'Bench App', scopes: [...scopes] });
  const { verifier, challenge } = pkcePair();
  const asked = authorizePath({
    response_type: 'code',
    client_id: app.clientId,
    redirect_uri: REDIRECT_URI,
    scope: scopes.join(' '),
    state: STATE,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  const request = await call<{ request_token: string }>(url, 'GET', asked, { headers: { accept: 'application/json' } });
  if (request.status !== 200) throw new Error(`GET ${asked} answered ${request.status}: ${JSON.stringify(request.body)}`);
  const decided = await call<{ redirect_to: string }>(url, 'POST', '/api/v1/oauth/authorize', {
    token: sessionToken,
    body: { request_token: request.body.request_token, decision: 'approve' },
  });
  if (decided.status !== 200) throw new Error(`the approval answered ${decided.status}: ${JSON.stringify(decided.body)}`);
  const redirect = redirectQuery(decided.body.redirect_to);
  const code = redirect.get('code');
  if (!code || redirect.get('state') !== STATE)
    throw new Error(`the approval sent the app back without a code: ${decided.body.redirect_to}`);
  const form = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier };
  const tokens = await oauthPost(url, 'token', form, app);
  const { access_token: accessToken, scope, expires_in: expiresIn } = tokens.body;
  if (tokens.status !== 200 || typeof accessToken !== 'string' || typeof scope !== 'string' || typeof expiresIn !== 'number') {
    throw new Error(`the code exchange answered ${tokens.status}: ${JSON.stringify(tokens.body)}`);
  }
  return { clientId: app.clientId, accessToken, scope, expiresInSeconds: expiresIn };
}
