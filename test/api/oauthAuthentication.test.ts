import { call, registerAndLogin } from '../support/http';
import { connectWs } from '../support/realtimeClients';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';
import type { Scope } from '../../src/domain/access/scopes';
import type { GrantHolder, OAuthClient } from '../../src/commands/oauth/oauthPorts';
import { AccessTokens } from '../../src/api/auth/accessTokens';
import { JwtOAuthAccessTokens } from '../../src/api/auth/oauthAccessTokens';

/**
 * Authentication with OAuth access tokens over real HTTP. The protocol endpoints are another part's: here
 * codes and tokens are issued through the grant commands directly, as the protocol would.
 */
let platform: TestPlatform;
const JWT_SECRET = 'an OAuth test secret, long enough for HS256 signing keys';
beforeAll(async () => {
  platform = await startTestPlatform({ FILORA_JWT_SECRET: JWT_SECRET });
});
afterAll(async () => {
  await platform.close();
});

const metadata = { requestId: 'oauth-authentication-test' };
const services = () => platform.platform.api;

async function registerApp(sessionToken: string, scopes: Scope[]): Promise<OAuthClient> {
  const app = await call<{ client_id: string }>(platform.url, 'POST', '/api/v1/oauth/apps', {
    token: sessionToken,
    body: { name: 'Test app', redirect_uris: ['https://app.example/callback'], scopes },
  });
  expect(app.status).toBe(201);
  const client = await services().oauthClients.find(app.body.client_id);
  return client!;
}

interface Connected {
  holder: GrantHolder;
  client: OAuthClient;
  accessToken: string;
  refreshToken: string;
  sessionToken: string;
}

/** What the code grant does: consent and code, redemption, access token, then the family's first refresh token. */
async function connect(granted: Scope[], appScopes: Scope[] = ['files.read', 'files.write']): Promise<Connected> {
  const user = await registerAndLogin(platform.url);
  const client = await registerApp(user.token, appScopes);
  const grants = services().oauthGrants;
  const { code } = await grants.issueCode(
    {
      userId: user.id,
      client,
      scopes: granted,
      redirectUri: 'https://app.example/callback',
      codeChallenge: null,
      codeChallengeMethod: null,
    },
    metadata,
  );
  const record = (await grants.findCode(code, metadata))!;
  expect(await grants.spendCode(code, metadata)).toBe(true);
  const accessToken = await services().oauthAccessTokens.issue({ holder: record.holder, clientId: client.clientId, scopes: record.scopes });
  const { refreshToken } = await grants.issueRefreshToken({ holder: record.holder, fromCode: code, scopes: record.scopes }, metadata);
  return { holder: record.holder, client, accessToken, refreshToken, sessionToken: user.token };
}

const me = (token: string) => call(platform.url, 'GET', '/api/v1/users/me', { token });
const listFiles = (token: string) => call(platform.url, 'GET', '/api/v1/files', { token });
const createFolder = (token: string) =>
  call(platform.url, 'POST', '/api/v1/folders', { token, body: { name: `f${Date.now()}${Math.random()}` } });

describe('OAuth access tokens', () => {
  it('identify the user with exactly the granted scopes', async () => {
    const { accessToken, holder } = await connect(['files.read']);
    const answer = await me(accessToken);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: holder.id });
    expect((await listFiles(accessToken)).status).toBe(200);
    const outside = await createFolder(accessToken);
    expect(outside.status).toBe(403);
    expect(outside.body).toMatchObject({ error: { code: 'forbidden', message: expect.stringContaining('files.write') } });
  });

  it('may use every scope granted (files.write, which implies files.read), and the events name the app', async () => {
    const { accessToken, client, holder } = await connect(['files.write']);
    const created = await createFolder(accessToken);
    expect(created.status).toBe(201);
    expect((await listFiles(accessToken)).status).toBe(200);
    const [event] = await platform.platform.eventStore.readStream(`folder-${(created.body as { id: string }).id}`);
    expect(event!.metadata).toMatchObject({ actor: holder.id, oauthClientId: client.clientId });
  });

  it('are refused on a route that needs a login session (403)', async () => {
    const { accessToken } = await connect(['files.read']);
    const answer = await call(platform.url, 'POST', '/api/v1/tokens', {
      token: accessToken,
      body: { name: 'from an app', scopes: ['files.read'] },
    });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ error: { code: 'forbidden' } });
  });

  it("may not change the user's identity: PATCH /users/me needs a login session (403)", async () => {
    const { accessToken, sessionToken } = await connect(['files.read', 'files.write']);
    const before = await me(sessionToken);
    const answer = await call(platform.url, 'PATCH', '/api/v1/users/me', {
      token: accessToken,
      body: { username: `app${Date.now()}`, email: 'attacker@evil.example' },
    });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ error: { code: 'forbidden', message: expect.stringContaining('API and OAuth tokens') } });
    expect((await me(sessionToken)).body).toEqual(before.body);
  });

  it('stop at once when their family is revoked by the client (RFC 7009), and other families go on', async () => {
    const connected = await connect(['files.read']);
    const grants = services().oauthGrants;
    const second = await grants.issueCode(
      {
        userId: connected.holder.id,
        client: connected.client,
        scopes: ['files.read'],
        redirectUri: 'https://app.example/callback',
        codeChallenge: null,
        codeChallengeMethod: null,
      },
      metadata,
    );
    const record = (await grants.findCode(second.code, metadata))!;
    await grants.spendCode(second.code, metadata);
    const otherAccess = await services().oauthAccessTokens.issue({
      holder: record.holder,
      clientId: connected.client.clientId,
      scopes: ['files.read'],
    });
    await grants.issueRefreshToken({ holder: record.holder, fromCode: second.code, scopes: ['files.read'] }, metadata);
    expect((await me(connected.accessToken)).status).toBe(200);
    expect((await me(otherAccess)).status).toBe(200);

    await grants.revokeToken(connected.refreshToken, connected.client.clientId, metadata);
    const refused = await me(connected.accessToken);
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ error: { code: 'unauthorized' } });
    expect((await me(otherAccess)).status).toBe(200);
  });

  it('ignore a revocation asked by another app', async () => {
    const connected = await connect(['files.read']);
    const stranger = await connect(['files.read']);
    await services().oauthGrants.revokeToken(connected.accessToken, stranger.client.clientId, metadata);
    expect((await me(connected.accessToken)).status).toBe(200);
  });

  it('stop at once when the grant is revoked (DELETE /oauth/grants/{id})', async () => {
    const { accessToken, holder, sessionToken } = await connect(['files.read']);
    expect((await me(accessToken)).status).toBe(200);
    const deleted = await call(platform.url, 'DELETE', `/api/v1/oauth/grants/${holder.grantId}`, { token: sessionToken });
    expect(deleted.status).toBe(204);
    expect((await me(accessToken)).status).toBe(401);
  });

  it('stop when a spent refresh token is presented again (its family is revoked)', async () => {
    const { accessToken, refreshToken, holder } = await connect(['files.read']);
    const grants = services().oauthGrants;
    expect(await grants.findRefreshToken(refreshToken, metadata)).toMatchObject({ holder, scopes: ['files.read'] });
    expect(await grants.spendRefreshToken(refreshToken, metadata)).toBe(true);
    const rotated = await grants.issueRefreshToken({ holder, fromCode: null, scopes: ['files.read'] }, metadata);
    expect((await me(accessToken)).status).toBe(200);
    expect(await grants.findRefreshToken(refreshToken, metadata)).toBeNull();
    expect((await me(accessToken)).status).toBe(401);
    expect(await grants.findRefreshToken(rotated.refreshToken, metadata)).toBeNull();
  });

  it('stop when the app is deleted', async () => {
    const { accessToken, client, sessionToken } = await connect(['files.read']);
    expect((await me(accessToken)).status).toBe(200);
    const deleted = await call(platform.url, 'DELETE', `/api/v1/oauth/apps/${client.clientId}`, { token: sessionToken });
    expect(deleted.status).toBe(204);
    expect((await me(accessToken)).status).toBe(401);
  });
});

describe('realtime connections opened with an OAuth access token', () => {
  it('are admitted, and closed within the credential sweep when the grant is revoked', async () => {
    const { accessToken, holder, sessionToken } = await connect(['files.read']);
    const ws = await connectWs(platform.url, accessToken);
    expect((await call(platform.url, 'DELETE', `/api/v1/oauth/grants/${holder.grantId}`, { token: sessionToken })).status).toBe(204);
    let timer: NodeJS.Timeout | undefined;
    const ended = await Promise.race([ws.ended, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), 6000)))]);
    clearTimeout(timer);
    expect(ended).toMatchObject({ code: 4001, reason: expect.stringContaining('revoked') });
  });
});

describe('session and OAuth access tokens', () => {
  it('never pass for one another', async () => {
    const { accessToken, holder } = await connect(['files.read']);
    const { token: sessionToken, id } = await registerAndLogin(platform.url);
    const sessionTokens = new AccessTokens(JWT_SECRET, 60);
    const oauthTokens = new JwtOAuthAccessTokens(JWT_SECRET, 60);
    expect(await sessionTokens.verify(accessToken)).toBeNull();
    expect(await oauthTokens.verify(sessionToken)).toBeNull();

    // The same secret, the other kind's audience or claims: refused over HTTP too.
    const sessionId = '11111111-1111-4111-8111-111111111111';
    const sessionShaped = await new AccessTokens(JWT_SECRET, 60).issue(holder.id, sessionId, null);
    expect((await me(sessionShaped)).status).toBe(401);
    expect((await me(sessionToken)).status).toBe(200);
    const forged = await oauthTokens.issue({
      holder: { id, grantId: holder.grantId, familyId: holder.familyId },
      clientId: holder.grantId,
      scopes: ['files.read'],
    });
    expect((await me(forged)).status).toBe(401);
  });

  it('refuse an OAuth token signed with another secret', async () => {
    const { holder, client } = await connect(['files.read']);
    const foreign = await new JwtOAuthAccessTokens('another secret, equally long and random!!', 60).issue({
      holder,
      clientId: client.clientId,
      scopes: ['files.read'],
    });
    expect((await me(foreign)).status).toBe(401);
  });
});
