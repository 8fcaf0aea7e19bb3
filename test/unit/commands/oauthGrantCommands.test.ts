import { MemoryEventStore } from '../../../src/adapters/eventStore/memoryEventStore';
import { LiveGrants } from '../../../src/api/auth/liveGrants';
import { JwtOAuthAccessTokens } from '../../../src/api/auth/oauthAccessTokens';
import { OAuthGrantCommands } from '../../../src/commands/oauth/oauthGrantCommands';
import type { GrantHolder, OAuthClient } from '../../../src/commands/oauth/oauthPorts';
import { CommandPipeline } from '../../../src/commands/pipeline';
import type { Scope } from '../../../src/domain/access/scopes';
import { grantIdOf } from '../../../src/domain/oauth/oauthGrantEvents';

const userId = '44444444-4444-4444-8444-444444444444';
const otherUser = '66666666-6666-4666-8666-666666666666';
const client: OAuthClient = {
  clientId: '55555555-5555-4555-8555-555555555555',
  ownerId: otherUser,
  name: 'An app',
  redirectUris: ['https://app.example/cb'],
  scopes: ['files.read', 'files.write'],
  clientType: 'confidential',
};
const metadata = { requestId: 'test' };

function setUp() {
  let nowMs = Date.parse('2026-03-01T10:00:00.000Z');
  const clock = { advance: (ms: number) => void (nowMs += ms), now: () => nowMs };
  const eventStore = new MemoryEventStore();
  const pipeline = new CommandPipeline(eventStore, { now: () => new Date(nowMs) });
  const apps = new Map([[client.clientId, client]]);
  const liveGrants = new LiveGrants(
    pipeline,
    { find: (id) => Promise.resolve(apps.get(id) ?? null) },
    { ttlMs: 500, maxEntries: 100 },
    clock.now,
  );
  const accessTokens = new JwtOAuthAccessTokens('a secret long enough for HS256 signing keys', 900);
  const grants = new OAuthGrantCommands(pipeline, accessTokens, liveGrants);

  const issueCode = (scopes: Scope[] = ['files.read']) =>
    grants.issueCode(
      { userId, client, scopes, redirectUri: 'https://app.example/cb', codeChallenge: null, codeChallengeMethod: null },
      metadata,
    );

  /** The code grant as the protocol runs it: a family with its first refresh token and an access token. */
  async function connect(scopes: Scope[] = ['files.read']) {
    const { code } = await issueCode(scopes);
    const record = (await grants.findCode(code, metadata))!;
    expect(await grants.spendCode(code, metadata)).toBe(true);
    const accessToken = await accessTokens.issue({ holder: record.holder, clientId: client.clientId, scopes });
    const { refreshToken } = await grants.issueRefreshToken({ holder: record.holder, fromCode: code, scopes }, metadata);
    return { code, holder: record.holder, accessToken, refreshToken };
  }

  const liveness = (holder: GrantHolder, scopes: string[] = ['files.read']) =>
    liveGrants.find({ userId: holder.id, grantId: holder.grantId, familyId: holder.familyId, clientId: client.clientId, scopes });

  return { clock, apps, eventStore, grants, liveGrants, accessTokens, issueCode, connect, liveness };
}

describe('OAuth grant commands', () => {
  it('answer a fresh code once, with what the consent said, and not after 60 s', async () => {
    const { grants, issueCode, clock } = setUp();
    const { code, expiresAt } = await issueCode(['files.read', 'files.write']);
    expect(code).toMatch(/^floc_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expect(expiresAt.getTime() - clock.now()).toBe(60_000);
    const record = await grants.findCode(code, metadata);
    expect(record).toMatchObject({
      code,
      clientId: client.clientId,
      redirectUri: 'https://app.example/cb',
      scopes: ['files.read', 'files.write'],
      holder: { id: userId, grantId: grantIdOf(userId, client.clientId) },
    });
    clock.advance(60_000);
    expect(await grants.findCode(code, metadata)).toBeNull();
    expect(await grants.spendCode(code, metadata)).toBe(false);
  });

  it('refuse scopes the app may not ask for and unregistered redirect URIs', async () => {
    const { grants } = setUp();
    const input = {
      userId,
      client,
      scopes: ['audit.read'] as Scope[],
      redirectUri: 'https://app.example/cb',
      codeChallenge: null,
      codeChallengeMethod: null,
    };
    await expect(grants.issueCode(input, metadata)).rejects.toMatchObject({ kind: 'invalid', field: 'scope' });
    await expect(
      grants.issueCode({ ...input, scopes: ['files.read'], redirectUri: 'https://app.example/other' }, metadata),
    ).rejects.toMatchObject({
      kind: 'invalid',
      field: 'redirect_uri',
    });
  });

  it('answer nothing for malformed or unknown codes and tokens', async () => {
    const { grants, connect } = setUp();
    const { code, refreshToken } = await connect();
    for (const text of ['', 'floc_', `${code}x`, code.replace('floc_', 'flor_'), refreshToken.slice(0, -1), `${refreshToken}=`]) {
      expect(await grants.findCode(text, metadata)).toBeNull();
      expect(await grants.findRefreshToken(text, metadata)).toBeNull();
      expect(await grants.spendRefreshToken(text, metadata)).toBe(false);
    }
    const unknownSecret = refreshToken.slice(0, -4) + (refreshToken.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(await grants.findRefreshToken(unknownSecret, metadata)).toBeNull();
  });

  it('revoke the family a spent code started when it is presented again', async () => {
    const { grants, connect, liveness } = setUp();
    const { code, holder, refreshToken } = await connect();
    expect(await liveness(holder)).not.toBeNull();
    expect(await grants.findCode(code, metadata)).toBeNull();
    expect(await liveness(holder)).toBeNull();
    expect(await grants.findRefreshToken(refreshToken, metadata)).toBeNull();
  });

  it('rotate refresh tokens in their family, and revoke it when a spent one comes back', async () => {
    const { grants, connect, liveness } = setUp();
    const { holder, refreshToken } = await connect();
    expect(await grants.findRefreshToken(refreshToken, metadata)).toMatchObject({
      holder,
      scopes: ['files.read'],
      clientId: client.clientId,
    });
    expect(await grants.spendRefreshToken(refreshToken, metadata)).toBe(true);
    const next = await grants.issueRefreshToken({ holder, fromCode: null, scopes: ['files.read'] }, metadata);
    expect(next.refreshToken).not.toBe(refreshToken);
    expect(await grants.findRefreshToken(next.refreshToken, metadata)).toMatchObject({ holder });
    expect(await liveness(holder)).not.toBeNull();

    expect(await grants.spendRefreshToken(refreshToken, metadata)).toBe(false);
    expect(await liveness(holder)).toBeNull();
    expect(await grants.findRefreshToken(next.refreshToken, metadata)).toBeNull();
  });

  it("revoke a grant of the user's own only, with every family in it", async () => {
    const { grants, connect, liveness } = setUp();
    const first = await connect();
    const second = await connect();
    expect(second.holder.familyId).not.toBe(first.holder.familyId);
    await expect(grants.revokeGrant(otherUser, first.holder.grantId, 'user', metadata)).rejects.toMatchObject({ kind: 'not_found' });
    expect(await grants.revokeGrant(userId, first.holder.grantId, 'user', metadata)).not.toBeNull();
    expect(await liveness(first.holder)).toBeNull();
    expect(await liveness(second.holder)).toBeNull();
    await expect(grants.revokeGrant(userId, first.holder.grantId, 'user', metadata)).rejects.toMatchObject({ kind: 'not_found' });
    // A consent after the revocation starts afresh.
    const again = await connect();
    expect(await liveness(again.holder)).not.toBeNull();
    expect(await liveness(first.holder)).toBeNull();
  });

  it('revoke a family for the app that holds the token (RFC 7009), by access or refresh token', async () => {
    const { grants, connect, liveness } = setUp();
    const byAccess = await connect();
    const byRefresh = await connect();
    await grants.revokeToken(byAccess.accessToken, otherUser, metadata);
    await grants.revokeToken(byRefresh.refreshToken, otherUser, metadata);
    await grants.revokeToken('not a token', client.clientId, metadata);
    expect(await liveness(byAccess.holder)).not.toBeNull();
    expect(await liveness(byRefresh.holder)).not.toBeNull();
    await grants.revokeToken(byAccess.accessToken, client.clientId, metadata);
    expect(await liveness(byAccess.holder)).toBeNull();
    expect(await liveness(byRefresh.holder)).not.toBeNull();
    await grants.revokeToken(byRefresh.refreshToken, client.clientId, metadata);
    expect(await liveness(byRefresh.holder)).toBeNull();
  });
});

describe('live grants', () => {
  it('hold the scopes both the token and its family hold, with those they imply', async () => {
    const { connect, liveness } = setUp();
    const { holder } = await connect(['files.write']);
    expect([...(await liveness(holder, ['files.write']))!.scopes].sort()).toEqual(['files.read', 'files.write']);
    expect([...(await liveness(holder, ['files.write', 'audit.read', 'nonsense']))!.scopes].sort()).toEqual(['files.read', 'files.write']);
  });

  it('refuse a token naming another user or another app than its grant', async () => {
    const { connect, liveGrants } = setUp();
    const { holder } = await connect();
    const claims = { userId, grantId: holder.grantId, familyId: holder.familyId, clientId: client.clientId, scopes: ['files.read'] };
    expect(await liveGrants.find(claims)).not.toBeNull();
    expect(await liveGrants.find({ ...claims, userId: otherUser })).toBeNull();
    expect(await liveGrants.find({ ...claims, clientId: otherUser })).toBeNull();
    expect(await liveGrants.find({ ...claims, familyId: otherUser })).toBeNull();
  });

  it('find a family started after the grant was answered', async () => {
    const { connect, liveness } = setUp();
    const first = await connect();
    expect(await liveness(first.holder)).not.toBeNull();
    const second = await connect();
    expect(await liveness(second.holder)).not.toBeNull();
  });

  it("stop once the app is gone, within the answers' reuse", async () => {
    const { connect, liveness, apps, clock } = setUp();
    const { holder } = await connect();
    expect(await liveness(holder)).not.toBeNull();
    apps.delete(client.clientId);
    expect(await liveness(holder)).not.toBeNull();
    clock.advance(500);
    expect(await liveness(holder)).toBeNull();
  });

  it("keep only the scopes the app still has once its owner narrows them, within the answers' reuse", async () => {
    const { connect, liveness, apps, clock } = setUp();
    const { holder } = await connect(['files.read', 'files.write']);
    expect([...(await liveness(holder, ['files.read', 'files.write']))!.scopes].sort()).toEqual(['files.read', 'files.write']);
    apps.set(client.clientId, { ...client, scopes: ['files.read'] });
    clock.advance(500);
    expect([...(await liveness(holder, ['files.read', 'files.write']))!.scopes]).toEqual(['files.read']);
  });

  it('see a revocation made by another process once the reused answer is stale', async () => {
    const { connect, liveness, eventStore, clock } = setUp();
    const { holder } = await connect();
    expect(await liveness(holder)).not.toBeNull();
    const elsewhere = new OAuthGrantCommands(
      new CommandPipeline(eventStore, { now: () => new Date(clock.now()) }),
      new JwtOAuthAccessTokens('x'.repeat(40), 900),
      {
        forget: () => undefined,
      },
    );
    await elsewhere.revokeGrant(userId, holder.grantId, 'user', metadata);
    expect(await liveness(holder)).not.toBeNull();
    clock.advance(500);
    expect(await liveness(holder)).toBeNull();
  });
});
