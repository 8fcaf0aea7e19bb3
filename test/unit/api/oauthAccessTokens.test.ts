import { randomUUID } from 'node:crypto';
import { JwtOAuthAccessTokens } from '../../../src/api/auth/oauthAccessTokens';

describe('OAuth access tokens', () => {
  const tokens = new JwtOAuthAccessTokens('a-test-secret-of-enough-length-0123456789', 900);
  const holder = { id: randomUUID(), grantId: randomUUID(), familyId: randomUUID() };
  const input = { holder, clientId: randomUUID(), scopes: ['files.read'] as const };

  it('differ when issued within one second for the same family (a refresh right after the exchange)', async () => {
    const [first, second] = await Promise.all([tokens.issue(input), tokens.issue(input)]);
    expect(first).not.toBe(second);
    const [a, b] = await Promise.all([tokens.verify(first), tokens.verify(second)]);
    expect(a?.claims.jti).not.toBe(b?.claims.jti);
    expect(a?.claims).toMatchObject({ sub: holder.id, gid: holder.grantId, fid: holder.familyId, scope: 'files.read', typ: 'oauth' });
  });
});
