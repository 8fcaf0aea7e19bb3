import { AccessTokens } from '../../../src/api/auth/accessTokens';
import type { Authenticators } from '../../../src/api/auth/authenticate';
import { CredentialCheck, credentialKey } from '../../../src/api/auth/credentialCheck';
import type { LiveFamily } from '../../../src/api/auth/liveGrants';
import { JwtOAuthAccessTokens } from '../../../src/api/auth/oauthAccessTokens';
import { heldScopes } from '../../../src/domain/access/scopes';

const SECRET = 'a secret long enough for HS256 signing keys';
const holder = {
  id: '44444444-4444-4444-8444-444444444444',
  grantId: '55555555-5555-4555-8555-555555555555',
  familyId: '66666666-6666-4666-8666-666666666666',
};
const clientId = '77777777-7777-4777-8777-777777777777';

/** Realtime connections opened with an OAuth access token, checked again while they stay open. */
function setUp() {
  let nowMs = Date.now();
  let live: LiveFamily | null = { userId: holder.id, scopes: heldScopes(['files.read']) };
  const oauthTokens = new JwtOAuthAccessTokens(SECRET, 900);
  const authenticators: Authenticators = {
    accessTokens: new AccessTokens(SECRET, 900),
    sessions: { isLive: () => Promise.resolve(true) },
    tokens: { find: () => Promise.resolve(null), findByHash: () => Promise.resolve(null) },
    oauthTokens,
    grants: { find: () => Promise.resolve(live) },
  };
  const check = new CredentialCheck(authenticators, () => nowMs);
  return {
    check,
    issue: (scopes: ('files.read' | 'files.write' | 'audit.read')[] = ['files.read']) => oauthTokens.issue({ holder, clientId, scopes }),
    setLive: (family: LiveFamily | null) => void (live = family),
    advance: (ms: number) => void (nowMs += ms),
  };
}

describe('CredentialCheck with OAuth access tokens', () => {
  it('identifies the app’s user with the granted scopes and keeps the claims, never the token', async () => {
    const { check, issue } = setUp();
    const token = await issue();
    const { principal, credential } = await check.identify(token, '127.0.0.1');
    expect(principal).toMatchObject({
      kind: 'oauth',
      userId: holder.id,
      oauth: { grantId: holder.grantId, familyId: holder.familyId, clientId },
    });
    expect(credential).toMatchObject({
      kind: 'oauth',
      grantId: holder.grantId,
      familyId: holder.familyId,
      clientId,
      scopes: ['files.read'],
    });
    expect(JSON.stringify(credential)).not.toContain(token);
    expect(credentialKey(credential)).toContain(holder.familyId);
    expect((await check.verdict(credential))('127.0.0.1')).toBeNull();
  });

  it('refuses a token without files.read', async () => {
    const { check, issue, setLive } = setUp();
    setLive({ userId: holder.id, scopes: heldScopes(['audit.read']) });
    await expect(check.identify(await issue(['audit.read']), undefined)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('ends the connection when the grant, family or app stops, and when the token expires', async () => {
    const { check, issue, setLive, advance } = setUp();
    const { credential } = await check.identify(await issue(), undefined);
    setLive(null);
    expect((await check.verdict(credential))(undefined)).toMatch(/revoked/);
    setLive({ userId: holder.id, scopes: heldScopes([]) });
    expect((await check.verdict(credential))(undefined)).toMatch(/files\.read/);
    setLive({ userId: holder.id, scopes: heldScopes(['files.read']) });
    advance(900_000);
    expect((await check.verdict(credential))(undefined)).toMatch(/expired/);
  });
});
