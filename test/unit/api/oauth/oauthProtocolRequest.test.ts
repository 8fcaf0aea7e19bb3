import type { Request } from 'express';
import OAuth2Server from '@node-oauth/oauth2-server';
import type { OAuthClient, OAuthClients } from '../../../../src/commands/oauth/oauthPorts';
import { DomainError, unauthorized } from '../../../../src/domain/shared/domainError';
import type { AuthorizeQuery } from '../../../../src/api/oauth/authorizeRequest';
import { checkAuthorizeRequest, errorRedirect } from '../../../../src/api/oauth/authorizeRequest';
import { decodedBasicAuthorization, presentedClient } from '../../../../src/api/oauth/clientCredentials';
import { consentHeaders, consentPage, errorPage } from '../../../../src/api/oauth/consentPage';
import { grantableScopes } from '../../../../src/api/oauth/oauthModel';
import { protocolErrorOf } from '../../../../src/api/oauth/protocolErrors';

const APP: OAuthClient = {
  clientId: '11111111-1111-4111-8111-111111111111',
  ownerId: '22222222-2222-4222-8222-222222222222',
  name: 'Printer',
  redirectUris: ['https://printer.example/cb', 'https://printer.example/cb?tenant=1'],
  scopes: ['files.read', 'files.write'],
  clientType: 'confidential',
};
const PUBLIC_APP: OAuthClient = { ...APP, clientId: '33333333-3333-4333-8333-333333333333', clientType: 'public' };
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

const clients: OAuthClients = {
  find: (id) => Promise.resolve([APP, PUBLIC_APP].find((app) => app.clientId === id) ?? null),
  authenticate: () => Promise.resolve(null),
};

const query = (overrides: Partial<AuthorizeQuery> = {}): AuthorizeQuery => ({
  response_type: 'code',
  client_id: APP.clientId,
  redirect_uri: 'https://printer.example/cb',
  scope: 'files.read',
  state: 'xyz',
  code_challenge: CHALLENGE,
  code_challenge_method: 'S256',
  ...overrides,
});

describe('checkAuthorizeRequest', () => {
  it('accepts a complete request, with the scopes asked', async () => {
    const check = await checkAuthorizeRequest(query(), clients);
    expect(check).toEqual({
      kind: 'valid',
      request: {
        client: APP,
        redirectUri: 'https://printer.example/cb',
        scopes: ['files.read'],
        state: 'xyz',
        codeChallenge: CHALLENGE,
        codeChallengeMethod: 'S256',
      },
    });
  });

  it('refuses without a redirect whatever makes the app or the redirect URI untrustworthy', async () => {
    for (const overrides of [
      { client_id: undefined },
      { client_id: '44444444-4444-4444-8444-444444444444' },
      { redirect_uri: undefined },
      { redirect_uri: 'https://printer.example/cb/' },
      { redirect_uri: 'https://PRINTER.example/cb' },
      { redirect_uri: 'https://printer.example/cb?tenant=2' },
      // Checked before everything else: a bad state with a bad redirect URI still redirects nowhere.
      { redirect_uri: 'https://evil.example/cb', state: undefined },
    ])
      expect({ overrides, kind: (await checkAuthorizeRequest(query(overrides), clients)).kind }).toEqual({ overrides, kind: 'refused' });
  });

  it('sends the other problems back to the app, with the state when there is a usable one', async () => {
    const cases: [Partial<AuthorizeQuery>, string, string | null][] = [
      [{ state: undefined }, 'invalid_request', null],
      [{ state: '' }, 'invalid_request', null],
      [{ state: 'tab\there' }, 'invalid_request', null],
      [{ state: 'x'.repeat(513) }, 'invalid_request', null],
      [{ response_type: 'token' }, 'unsupported_response_type', 'xyz'],
      [{ scope: 'audit.read' }, 'invalid_scope', 'xyz'],
      [{ scope: 'files.read  files.write' }, 'invalid_scope', 'xyz'],
      [{ scope: '' }, 'invalid_scope', 'xyz'],
      [{ code_challenge_method: 'plain' }, 'invalid_request', 'xyz'],
      // RFC 7636 §4.3: a challenge without its method is plain, not S256.
      [{ code_challenge_method: undefined }, 'invalid_request', 'xyz'],
      [{ client_id: PUBLIC_APP.clientId, code_challenge_method: undefined }, 'invalid_request', 'xyz'],
      [{ code_challenge: `${CHALLENGE}A` }, 'invalid_request', 'xyz'],
      [{ code_challenge: undefined }, 'invalid_request', 'xyz'],
      [{ client_id: PUBLIC_APP.clientId, code_challenge: undefined, code_challenge_method: undefined }, 'invalid_request', 'xyz'],
    ];
    for (const [overrides, error, state] of cases) {
      const check = await checkAuthorizeRequest(query(overrides), clients);
      expect({ overrides, check }).toEqual({
        overrides,
        check: { kind: 'redirect', redirectUri: expect.any(String), state, error: { error, error_description: expect.any(String) } },
      });
    }
  });

  it("grants the app's scopes when none is asked, once each when one is asked twice", async () => {
    expect(await checkAuthorizeRequest(query({ scope: undefined }), clients)).toMatchObject({
      request: { scopes: ['files.read', 'files.write'] },
    });
    expect(grantableScopes(APP, ['files.read', 'files.read'])).toEqual(['files.read']);
    expect(grantableScopes(APP, ['files.read', 'shares.manage'])).toBe(false);
  });

  it('lets a confidential app go without PKCE', async () => {
    expect((await checkAuthorizeRequest(query({ code_challenge: undefined, code_challenge_method: undefined }), clients)).kind).toBe(
      'valid',
    );
  });
});

describe('errorRedirect', () => {
  it("adds error, error_description and state to the redirect URI's own query", () => {
    const location = new URL(
      errorRedirect('https://printer.example/cb?tenant=1', { error: 'access_denied', error_description: 'no & never' }, 'a b'),
    );
    expect(Object.fromEntries(location.searchParams)).toEqual({
      tenant: '1',
      error: 'access_denied',
      error_description: 'no & never',
      state: 'a b',
    });
  });
});

describe('client credentials', () => {
  const request = (authorization?: string) =>
    ({ get: (name: string) => (name === 'authorization' ? authorization : undefined) }) as unknown as Request;
  const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;

  it('form-decodes Basic credentials (RFC 6749 §2.3.1), as encoding clients send them', () => {
    expect(presentedClient(request(basic('a%2Db:s%3Ac+d')), {})).toEqual({ clientId: 'a-b', secret: 's:c d', viaHeader: true });
    expect(decodedBasicAuthorization(basic('a%2Db:s%2Dc'))).toBe(basic('a-b:s-c'));
    expect(decodedBasicAuthorization('Bearer x')).toBe('Bearer x');
  });

  it('takes client_secret_post, or a public client id alone', () => {
    expect(presentedClient(request(), { client_id: 'a', client_secret: 's' })).toEqual({ clientId: 'a', secret: 's', viaHeader: false });
    expect(presentedClient(request(), { client_id: 'a' })).toEqual({ clientId: 'a', secret: null, viaHeader: false });
  });

  it('refuses none, a malformed header, and two methods at once', () => {
    expect(presentedClient(request(), {})).toBeNull();
    expect(presentedClient(request('Basic !!!'), {})).toBeNull();
    expect(presentedClient(request(basic('no-colon')), {})).toBeNull();
    expect(presentedClient(request(basic('a:s')), { client_secret: 's' })).toBeNull();
    expect(presentedClient(request(basic('a:s')), { client_id: 'other' })).toBeNull();
  });
});

describe('protocolErrorOf', () => {
  it("answers the library's errors as they are, and the commands' refusals under its server_error as a client error", () => {
    expect(protocolErrorOf(new OAuth2Server.InvalidGrantError('spent'))).toEqual({
      status: 400,
      error: { error: 'invalid_grant', error_description: 'spent' },
    });
    expect(protocolErrorOf(new OAuth2Server.ServerError(unauthorized('family revoked')))).toEqual({
      status: 400,
      error: { error: 'invalid_grant', error_description: 'family revoked' },
    });
    expect(protocolErrorOf(new OAuth2Server.ServerError(new DomainError('unavailable', 'later')))).toMatchObject({
      status: 503,
      error: { error: 'temporarily_unavailable' },
    });
  });

  it('leaves what is no client’s doing to the error handler', () => {
    expect(protocolErrorOf(new OAuth2Server.ServerError(new Error('bug')))).toBeNull();
    expect(protocolErrorOf(new OAuth2Server.InvalidArgumentError('misuse'))).toBeNull();
    expect(protocolErrorOf(new Error('bug'))).toBeNull();
  });
});

describe('the consent page', () => {
  const view = {
    action: '/api/v1/oauth/authorize',
    appName: '<img src=x onerror=alert(1)>',
    ownerUsername: 'o"wner',
    scopes: ['files.read'] as const,
    redirectUri: 'https://printer.example/cb?a=1&b=<2>',
    requestToken: 'tok"en',
  };

  it('escapes every value it shows or carries', () => {
    const html = consentPage({ ...view, step: 'password', username: '"><script>', error: '<b>wrong</b>' });
    expect(html).not.toMatch(/<img|<script>|<b>wrong/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('o&quot;wner');
    expect(html).toContain('value="tok&quot;en"');
    expect(html).toContain('a=1&amp;b=&lt;2&gt;');
    expect(errorPage({ error: 'invalid_request', error_description: '<x>' })).toContain('&lt;x&gt;');
  });

  it('asks for the password first, then only for the second factor with the sign-in token', () => {
    expect(consentPage({ ...view, step: 'password' })).toMatch(/name="password"/);
    const second = consentPage({ ...view, step: 'second_factor', signInToken: 'sit' });
    expect(second).not.toMatch(/name="password"/);
    expect(second).toMatch(/name="code"/);
    expect(second).toContain('<input type="hidden" name="sign_in_token" value="sit">');
  });

  it('may be posted to Filora and sent on to the app only, and never framed', () => {
    const headers = consentHeaders('https://printer.example/cb?x=1');
    expect(headers['Content-Security-Policy']).toContain("form-action 'self' https://printer.example;");
    expect(headers['Content-Security-Policy']).toContain("frame-ancestors 'none'");
    expect(headers['Content-Security-Policy']).toContain("default-src 'none'");
    expect(headers['X-Frame-Options']).toBe('DENY');
    expect(consentHeaders(null)['Content-Security-Policy']).toContain("form-action 'self';");
  });
});
