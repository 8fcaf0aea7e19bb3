import { credentialOverhead } from './lib/credentialOverhead';
import { oauthAccess } from './lib/oauthAccess';
import { step } from './lib/progress';

/** Far longer than the run: the app never has to refresh (the session's access token lives as long). */
const ACCESS_TOKEN_TTL_SECONDS = 3600;

/** Issue 15: an OAuth access token (a JWT of audience filora-oauth, its grant checked live) against a login session on the same routes. */
export const benchmark = credentialOverhead('oauthOverhead', {
  label: 'OAuth access token',
  side: 'OAuth token',
  presented: "Authorization: Bearer <an app's OAuth access token> (grant of files.read, authorization code flow with PKCE)",
  serverEnv: { FILORA_ACCESS_TOKEN_TTL_SECONDS: String(ACCESS_TOKEN_TTL_SECONDS) },
  async issue(server) {
    const access = await oauthAccess(server.url, server.token, ['files.read']);
    step(`OAuth app ${access.clientId} granted ${access.scope}; its access token expires in ${access.expiresInSeconds} s`);
    return { secret: access.accessToken, id: `of app ${access.clientId}` };
  },
});
