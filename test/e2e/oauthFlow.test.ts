import * as client from 'openid-client';
import { call, registerAndLogin } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';
import { browse, hiddenField, REDIRECT_URI, registerApp, submitConsent } from '../support/oauthConsent';

/**
 * A real OAuth client (openid-client, RFC 6749 + PKCE) against the server over HTTP: discovery, the
 * consent page, the code, the token, calls within and outside the granted scope, refresh with rotation
 * and reuse detection, revocation.
 */
let platform: TestPlatform;
let session: Awaited<ReturnType<typeof registerAndLogin>>;
let config: client.Configuration;

beforeAll(async () => {
  platform = await startTestPlatform();
  session = await registerAndLogin(platform.url);
  const app = await registerApp(platform.url, session.token, { name: 'Photo Printer', scopes: ['files.read', 'files.write'] });
  config = await client.discovery(new URL(platform.url), app.clientId, app.secret!, client.ClientSecretBasic(app.secret!), {
    algorithm: 'oauth2',
    execute: [client.allowInsecureRequests],
  });
});
afterAll(async () => {
  await platform.close();
});

/** The browser's part: the consent page names the app and the scopes; the user signs in and approves. */
async function authorize(scope: string): Promise<{ tokens: client.TokenEndpointResponse; verifier: string }> {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const authorizationUrl = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope,
    state,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  const page = await browse('', authorizationUrl.href);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  expect(page.text).toContain('Photo Printer');
  expect(page.text).toContain(session.user.username);
  for (const granted of scope.split(' ')) expect(page.text).toContain(granted);
  const decided = await submitConsent(platform.url, {
    request_token: hiddenField(page.text, 'request_token'),
    username: session.user.username,
    password: session.user.password,
    decision: 'approve',
  });
  expect(decided.status).toBe(302);
  const callback = new URL(decided.location!);
  expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT_URI);
  expect(callback.searchParams.get('state')).toBe(state);
  expect(callback.searchParams.get('code')).toEqual(expect.any(String));
  const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
  return { tokens, verifier };
}

const listFolders = (accessToken: string) => call(platform.url, 'GET', '/api/v1/folders', { token: accessToken });
const createFolder = (accessToken: string) =>
  call(platform.url, 'POST', '/api/v1/folders', { token: accessToken, body: { name: `f${Date.now()}` } });

it('discovers the server from its RFC 8414 metadata', () => {
  const metadata = config.serverMetadata();
  expect(metadata.issuer).toBe(new URL(platform.url).href.replace(/\/$/, ''));
  expect(metadata.token_endpoint).toBe(`${platform.url}/api/v1/oauth/token`);
  expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
});

it('runs authorize → consent → code → token → API within scope → 403 outside → refresh → revoke → 401', async () => {
  const { tokens } = await authorize('files.read');
  expect(tokens.token_type.toLowerCase()).toBe('bearer');
  expect(tokens.scope).toBe('files.read');
  expect(tokens.expires_in).toBeGreaterThan(0);

  expect((await listFolders(tokens.access_token)).status).toBe(200);
  const outside = await createFolder(tokens.access_token);
  expect(outside.status).toBe(403);

  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
  expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
  expect((await listFolders(refreshed.access_token)).status).toBe(200);

  await client.tokenRevocation(config, refreshed.refresh_token!, { token_type_hint: 'refresh_token' });
  expect((await listFolders(refreshed.access_token)).status).toBe(401);
  await expect(client.refreshTokenGrant(config, refreshed.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
});

it('revokes the family when a spent refresh token is presented again: the new access token answers 401 at once', async () => {
  const { tokens } = await authorize('files.read files.write');
  expect((await createFolder(tokens.access_token)).status).toBe(201);
  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
  expect((await listFolders(refreshed.access_token)).status).toBe(200);

  await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  expect((await listFolders(refreshed.access_token)).status).toBe(401);
  await expect(client.refreshTokenGrant(config, refreshed.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
});

it('refuses the code without its PKCE verifier, and the code is spent by the failed try', async () => {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const authorizationUrl = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: 'files.read',
    state,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  const page = await browse('', authorizationUrl.href);
  const decided = await submitConsent(platform.url, {
    request_token: hiddenField(page.text, 'request_token'),
    username: session.user.username,
    password: session.user.password,
    decision: 'approve',
  });
  const callback = new URL(decided.location!);
  await expect(
    client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: client.randomPKCECodeVerifier(), expectedState: state }),
  ).rejects.toMatchObject({ error: 'invalid_grant' });
  await expect(client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state })).rejects.toMatchObject(
    {
      error: 'invalid_grant',
    },
  );
});
