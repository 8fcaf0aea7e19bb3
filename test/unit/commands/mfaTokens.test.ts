import { AccessTokens } from '../../../src/api/auth/accessTokens';
import { MfaTokens } from '../../../src/api/auth/mfaTokens';

const secret = 'x'.repeat(48);
const login = { userId: '77777777-7777-4777-8777-777777777777', loginId: '66666666-6666-4666-8666-666666666666', credentialsVersion: 2 };

describe('MFA tokens', () => {
  it('name the pending login (user, login id, credentials version) for 5 minutes, and never pass as an access token', async () => {
    const tokens = new MfaTokens(secret);
    const token = await tokens.issue(login);
    const issuedAt = Date.now();
    expect(await tokens.pendingLoginOf(token, issuedAt)).toEqual(login);
    expect(await new AccessTokens(secret, 900).verify(token)).toBeNull();
    expect(await tokens.pendingLoginOf(token, issuedAt + 5 * 60_000 + 1000)).toBeNull();
  });

  it('refuse an access token', async () => {
    const access = await new AccessTokens(secret, 900).issue(login.userId, '88888888-8888-4888-8888-888888888888', null);
    expect(await new MfaTokens(secret).pendingLoginOf(access)).toBeNull();
  });

  it('are refused when expired at first sight too', async () => {
    const token = await new MfaTokens(secret).issue(login);
    expect(await new MfaTokens(secret).pendingLoginOf(token, Date.now() + 5 * 60_000 + 1000)).toBeNull();
  });
});
