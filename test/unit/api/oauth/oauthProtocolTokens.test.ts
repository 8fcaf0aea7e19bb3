import { ConsentTokens } from '../../../../src/api/oauth/consentTokens';
import type { SignedRequest } from '../../../../src/api/oauth/consentTokens';
import { AccessTokens } from '../../../../src/api/auth/accessTokens';

const SECRET = 'a server secret of at least thirty-two characters';
const REQUEST: SignedRequest = {
  clientId: '11111111-1111-4111-8111-111111111111',
  redirectUri: 'https://printer.example/cb',
  scopes: ['files.read'],
  state: 'xyz',
  codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  codeChallengeMethod: 'S256',
};
const USER = '22222222-2222-4222-8222-222222222222';

describe('ConsentTokens', () => {
  const tokens = new ConsentTokens(SECRET);

  it('gives back the request it signed', async () => {
    expect(await tokens.openRequest(await tokens.signRequest(REQUEST))).toEqual(REQUEST);
  });

  it('refuses an altered token, one signed under another secret, and another kind of token', async () => {
    const signed = await tokens.signRequest(REQUEST);
    const [header, payload, signature] = signed.split('.') as [string, string, string];
    const widened = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), scope: ['files.read', 'files.write'] }),
    ).toString('base64url');
    expect(await tokens.openRequest(`${header}.${widened}.${signature}`)).toBeNull();
    expect(await new ConsentTokens('another server secret of thirty-two characters').openRequest(signed)).toBeNull();
    expect(await tokens.openRequest(await tokens.signSignIn(USER, signed))).toBeNull();
    expect(await tokens.openRequest(await new AccessTokens(SECRET, 900).issue(USER, USER, null))).toBeNull();
    expect(await new AccessTokens(SECRET, 900).verify(signed)).toBeNull();
  });

  it("binds a sign-in to its request: another request's page cannot use it", async () => {
    const request = await tokens.signRequest(REQUEST);
    const other = await tokens.signRequest({ ...REQUEST, state: 'other' });
    const signIn = await tokens.signSignIn(USER, request);
    expect(await tokens.openSignIn(signIn, request)).toBe(USER);
    expect(await tokens.openSignIn(signIn, other)).toBeNull();
    expect(await tokens.openSignIn(request, request)).toBeNull();
  });
});
