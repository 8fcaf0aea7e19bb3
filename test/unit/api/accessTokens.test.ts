import { AccessTokens } from '../../../src/api/auth/accessTokens';

const USER = '11111111-1111-4111-8111-111111111111';
const SESSION = '22222222-2222-4222-8222-222222222222';

describe('access tokens', () => {
  const tokens = new AccessTokens('a secret long enough for HS256 signing keys', 60);

  it('answers the claims of a token it issued, again from memory, until the token expires', async () => {
    const token = await tokens.issue(USER, SESSION, '00000000000000000042');
    const claims = { sub: USER, sid: SESSION, pos: '00000000000000000042', typ: 'access' };
    expect(await tokens.verify(token)).toMatchObject(claims);
    expect(await tokens.verify(token)).toMatchObject(claims);
    expect(await tokens.verify(token, Date.now() + 61_000)).toBeNull();
  });

  it('refuses a token signed with another key, or altered, even right after verifying the genuine one', async () => {
    const genuine = await tokens.issue(USER, SESSION, null);
    expect(await tokens.verify(genuine)).not.toBeNull();
    const forged = await new AccessTokens('another secret, equally long and random', 60).issue(USER, SESSION, null);
    expect(await tokens.verify(forged)).toBeNull();
    const [header, payload, signature] = genuine.split('.');
    const altered = `${header}.${payload}.${signature!.slice(0, -2)}AA`;
    expect(await tokens.verify(altered)).toBeNull();
    expect(await tokens.verify('not a token')).toBeNull();
  });
});
