import { request } from 'node:http';
import * as OTPAuth from 'otpauth';
import { createToken } from '../support/apiTokens';
import { domainHead } from '../support/domainHead';
import { eventually } from '../support/files';
import { call, registerAndLogin } from '../support/http';
import type { RegisteredApp } from '../support/oauthConsent';
import {
  authorizePath,
  browse,
  consentTo,
  hiddenField,
  oauthPost,
  pkcePair,
  REDIRECT_URI,
  redirectQuery,
  registerApp,
  submitConsent,
  submitForm,
} from '../support/oauthConsent';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

/** The OAuth 2.0 protocol endpoints over HTTP, step by step (RFC 6749, RFC 7636, RFC 7009, RFC 8414), with plain fetch. */
let platform: TestPlatform;
let alice: Awaited<ReturnType<typeof registerAndLogin>>;
let app: RegisteredApp;
let publicApp: RegisteredApp;
const JSON_LIMIT = 4096;

beforeAll(async () => {
  platform = await startTestPlatform({ FILORA_MAX_JSON_BYTES: String(JSON_LIMIT) });
  alice = await registerAndLogin(platform.url);
  app = await registerApp(platform.url, alice.token, { scopes: ['files.read', 'files.write'] });
  publicApp = await registerApp(platform.url, alice.token, { name: 'Pocket App', scopes: ['files.read'], client_type: 'public' });
});
afterAll(async () => {
  await platform.close();
});

const consentParams = (overrides: Record<string, string | undefined> = {}) => {
  const { challenge } = pkcePair();
  return {
    client_id: app.clientId,
    state: 'st-1',
    scope: 'files.read',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...overrides,
  };
};

/** A code for `client` with a fresh PKCE pair. */
async function codeFor(client: RegisteredApp, scope = 'files.read') {
  const { verifier, challenge } = pkcePair();
  const query = await consentTo(platform.url, alice.user, {
    client_id: client.clientId,
    state: 's',
    scope,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  return { code: query.get('code')!, verifier };
}

const exchange = (client: RegisteredApp, code: string, verifier: string | undefined, extra: Record<string, string> = {}) =>
  oauthPost(
    platform.url,
    'token',
    {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      ...(verifier ? { code_verifier: verifier } : {}),
      ...(client.secret ? {} : { client_id: client.clientId }),
      ...extra,
    },
    client.secret ? client : undefined,
  );

const listFolders = (token: string) => call(platform.url, 'GET', '/api/v1/folders', { token });

describe('GET /.well-known/oauth-authorization-server', () => {
  it('answers the RFC 8414 metadata, with the issuer the client reached', async () => {
    const metadata = await call(platform.url, 'GET', '/.well-known/oauth-authorization-server');
    expect(metadata.status).toBe(200);
    expect(metadata.body).toMatchObject({
      issuer: platform.url,
      authorization_endpoint: `${platform.url}/api/v1/oauth/authorize`,
      token_endpoint: `${platform.url}/api/v1/oauth/token`,
      revocation_endpoint: `${platform.url}/api/v1/oauth/revoke`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: expect.arrayContaining(['client_secret_basic', 'client_secret_post']),
      scopes_supported: expect.arrayContaining(['files.read', 'files.write']),
    });
  });
});

/** GET of a path with the Host header a client chose (fetch keeps its own). */
function getWithHost(
  url: string,
  path: string,
  host: string,
): Promise<{ headers: Record<string, unknown>; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const sent = request(`${url}${path}`, { headers: { host } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      response.on('end', () => resolve({ headers: response.headers, body: JSON.parse(text) as Record<string, unknown> }));
    });
    sent.on('error', reject);
    sent.end();
  });
}

describe('the metadata behind a Host a client chose', () => {
  it('is never cached, so that no cache hands a client another Host’s issuer', async () => {
    const answer = await getWithHost(platform.url, '/.well-known/oauth-authorization-server', 'evil.example');
    expect(answer.headers['cache-control']).toBe('no-store');
  });

  it('names FILORA_PUBLIC_URL as the issuer and its endpoints, whatever the Host header says', async () => {
    const configured = await startTestPlatform({ FILORA_PUBLIC_URL: 'https://files.example.com/' });
    try {
      const answer = await getWithHost(configured.url, '/.well-known/oauth-authorization-server', 'evil.example');
      expect(answer.body).toMatchObject({
        issuer: 'https://files.example.com',
        authorization_endpoint: 'https://files.example.com/api/v1/oauth/authorize',
        token_endpoint: 'https://files.example.com/api/v1/oauth/token',
        revocation_endpoint: 'https://files.example.com/api/v1/oauth/revoke',
      });
    } finally {
      await configured.close();
    }
  });
});

describe('GET /oauth/authorize', () => {
  it('answers the consent page: the app, its owner, each scope in plain words, a sign-in form; never framed or cached', async () => {
    const page = await browse(
      platform.url,
      authorizePath({ response_type: 'code', redirect_uri: REDIRECT_URI, ...consentParams({ scope: 'files.read files.write' }) }),
    );
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain('Photo Printer');
    expect(page.text).toContain(alice.user.username);
    expect(page.text).toContain('See and download your files and folders');
    expect(page.text).toContain('Upload, change, move and delete your files');
    expect(page.text).toMatch(/name="password"/);
    expect(page.text).toMatch(/value="approve"/);
    expect(page.text).toMatch(/value="deny"/);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self' http://127.0.0.1:9");
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('escapes every value it shows', async () => {
    const evil = await registerApp(platform.url, alice.token, { name: '<script>alert("x")</script>' });
    const page = await browse(
      platform.url,
      authorizePath({ response_type: 'code', redirect_uri: REDIRECT_URI, ...consentParams({ client_id: evil.clientId }) }),
    );
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('<script>');
    expect(page.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('answers the request as JSON for Accept: application/json', async () => {
    const answer = await call<Record<string, unknown>>(
      platform.url,
      'GET',
      authorizePath({ response_type: 'code', redirect_uri: REDIRECT_URI, ...consentParams() }),
      { headers: { accept: 'application/json' } },
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      client_id: app.clientId,
      app: { name: 'Photo Printer', owner: alice.user.username },
      scopes: [{ scope: 'files.read', description: expect.any(String) }],
      redirect_uri: REDIRECT_URI,
      state: 'st-1',
      request_token: expect.any(String),
    });
  });

  it.each([
    ['an unknown client', { client_id: '00000000-0000-4000-8000-000000000000', redirect_uri: REDIRECT_URI }],
    ['no client_id', { client_id: undefined, redirect_uri: REDIRECT_URI }],
    ['a malformed client_id', { client_id: 'not-a-uuid', redirect_uri: REDIRECT_URI }],
    ['no redirect_uri', { redirect_uri: undefined }],
    ['a redirect_uri with a trailing slash', { redirect_uri: `${REDIRECT_URI}/` }],
    ['a redirect_uri with another port', { redirect_uri: 'http://127.0.0.1:10/callback' }],
    ['a redirect_uri with a query added', { redirect_uri: `${REDIRECT_URI}?next=1` }],
    ['a redirect_uri of another site', { redirect_uri: 'https://attacker.example/callback' }],
  ])('refuses %s with an error page, never a redirect', async (_label, overrides) => {
    const path = authorizePath({ response_type: 'code', ...consentParams(), ...overrides });
    const page = await browse(platform.url, path);
    expect(page.status).toBe(400);
    expect(page.location).toBeNull();
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const json = await call(platform.url, 'GET', path, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(400);
    expect(json.headers.get('location')).toBeNull();
    expect(json.body).toMatchObject({ error: { code: 'validation_error', message: expect.any(String) }, request_id: expect.any(String) });
  });

  it.each([
    ['no state', { state: undefined }, 'invalid_request', null],
    ['no response_type', { response_type: undefined }, 'invalid_request', 'st-1'],
    ['response_type=token', { response_type: 'token' }, 'unsupported_response_type', 'st-1'],
    ['a scope the app does not have', { scope: 'files.read audit.read' }, 'invalid_scope', 'st-1'],
    ['an unknown scope', { scope: 'everything' }, 'invalid_scope', 'st-1'],
    ['the plain PKCE method', { code_challenge_method: 'plain' }, 'invalid_request', 'st-1'],
    ['a malformed code challenge', { code_challenge: 'short' }, 'invalid_request', 'st-1'],
    ['a method without a challenge', { code_challenge: undefined }, 'invalid_request', 'st-1'],
  ])('sends %s back to the app as an error with the state', async (_label, overrides, error, state) => {
    const page = await browse(
      platform.url,
      authorizePath({ response_type: 'code', redirect_uri: REDIRECT_URI, ...consentParams(overrides) }),
    );
    expect(page.status).toBe(302);
    const query = redirectQuery(page.location);
    expect(page.location!.startsWith(`${REDIRECT_URI}?`)).toBe(true);
    expect(query.get('error')).toBe(error);
    expect(query.get('error_description')).toEqual(expect.any(String));
    expect(query.get('state')).toBe(state);
    expect(query.get('code')).toBeNull();
  });

  it('requires PKCE of a public app, and lets a confidential app go without', async () => {
    const publicPage = await browse(
      platform.url,
      authorizePath({ response_type: 'code', redirect_uri: REDIRECT_URI, client_id: publicApp.clientId, state: 'p' }),
    );
    expect(publicPage.status).toBe(302);
    expect(redirectQuery(publicPage.location).get('error')).toBe('invalid_request');
    expect(redirectQuery(publicPage.location).get('error_description')).toContain('PKCE');
    const confidential = await browse(
      platform.url,
      authorizePath({ response_type: 'code', redirect_uri: REDIRECT_URI, client_id: app.clientId, state: 'c' }),
    );
    expect(confidential.status).toBe(200);
  });

  it("grants the app's own scopes when none is asked", async () => {
    const page = await browse(
      platform.url,
      authorizePath({ response_type: 'code', redirect_uri: REDIRECT_URI, ...consentParams({ scope: undefined }) }),
    );
    expect(page.text).toContain('files.write');
  });
});

describe('POST /oauth/authorize', () => {
  const consentPage = async (overrides: Record<string, string | undefined> = {}) => {
    const page = await browse(
      platform.url,
      authorizePath({ response_type: 'code', redirect_uri: REDIRECT_URI, ...consentParams(overrides) }),
    );
    return hiddenField(page.text, 'request_token');
  };

  it('approves with the password: 302 to the redirect URI with the code and the state', async () => {
    const decided = await submitConsent(platform.url, {
      request_token: await consentPage(),
      username: alice.user.email,
      password: alice.user.password,
      decision: 'approve',
    });
    expect(decided.status).toBe(302);
    expect(redirectQuery(decided.location).get('code')).toMatch(/^floc_/);
    expect(redirectQuery(decided.location).get('state')).toBe('st-1');
  });

  it('denies without signing in: error=access_denied with the state, and no code', async () => {
    const decided = await submitConsent(platform.url, { request_token: await consentPage(), decision: 'deny' });
    expect(decided.status).toBe(302);
    expect(redirectQuery(decided.location).get('error')).toBe('access_denied');
    expect(redirectQuery(decided.location).get('state')).toBe('st-1');
    expect(redirectQuery(decided.location).get('code')).toBeNull();
  });

  it('shows the form again with an error for a wrong password (401), and issues nothing', async () => {
    const requestToken = await consentPage();
    const before = await domainHead(platform.platform.eventStore);
    const decided = await submitConsent(platform.url, {
      request_token: requestToken,
      username: alice.user.username,
      password: 'wrong password',
      decision: 'approve',
    });
    expect(decided.status).toBe(401);
    expect(decided.location).toBeNull();
    expect(decided.text).toContain('role="alert"');
    expect(decided.text).toContain('Photo Printer');
    expect(hiddenField(decided.text, 'request_token')).toBe(requestToken);
    expect(decided.text).toContain(`value="${alice.user.username}"`);
    expect(decided.headers.get('x-frame-options')).toBe('DENY');
    const events = await platform.platform.eventStore.readAll({ after: before, limit: 100 });
    expect(events.filter((event) => event.type.startsWith('OAuth'))).toEqual([]);
  });

  it('refuses a request token that was altered or is not one (error page, no redirect)', async () => {
    const requestToken = await consentPage();
    const altered = `${requestToken.slice(0, -3)}${requestToken.endsWith('A') ? 'B' : 'A'}xx`;
    for (const token of [altered, 'not-a-token']) {
      const decided = await submitConsent(platform.url, {
        request_token: token,
        username: alice.user.username,
        password: alice.user.password,
        decision: 'approve',
      });
      expect(decided.status).toBe(400);
      expect(decided.location).toBeNull();
    }
  });

  it('cannot change what the page showed: the form takes no scope, redirect or client of its own', async () => {
    const decided = await submitConsent(platform.url, {
      request_token: await consentPage(),
      username: alice.user.username,
      password: alice.user.password,
      decision: 'approve',
      scope: 'files.read files.write',
    });
    expect(decided.status).toBe(400);
    expect(decided.location).toBeNull();
  });

  it('takes a JSON decision with a session Bearer token ({redirect_to}); not anonymously, nor with an API token', async () => {
    const requestToken = await consentPage();
    const decide = (token?: string) =>
      call<{ redirect_to?: string }>(platform.url, 'POST', '/api/v1/oauth/authorize', {
        token,
        body: { request_token: requestToken, decision: 'approve' },
      });
    expect((await decide()).status).toBe(401);
    expect((await decide('not-a-valid-token')).status).toBe(401);
    const apiToken = await createToken(platform.url, alice.token);
    expect((await decide(apiToken.secret)).status).toBe(403);
    const approved = await decide(alice.token);
    expect(approved.status).toBe(200);
    expect(approved.headers.get('cache-control')).toBe('no-store');
    expect(redirectQuery(approved.body.redirect_to!).get('code')).toMatch(/^floc_/);
    const denied = await call<{ redirect_to: string }>(platform.url, 'POST', '/api/v1/oauth/authorize', {
      token: alice.token,
      body: { request_token: requestToken, decision: 'deny' },
    });
    expect(redirectQuery(denied.body.redirect_to).get('error')).toBe('access_denied');
  });

  it('refuses an OAuth access token as the JSON decision (403): an app cannot approve itself', async () => {
    const { code, verifier } = await codeFor(app);
    const tokens = await exchange(app, code, verifier);
    const decided = await call(platform.url, 'POST', '/api/v1/oauth/authorize', {
      token: tokens.body.access_token as string,
      body: { request_token: await consentPage(), decision: 'approve' },
    });
    expect(decided.status).toBe(403);
  });

  /** Turns TOTP on for the user behind `sessionToken`: the authenticator and the recovery codes. */
  async function enrollTotp(sessionToken: string) {
    const enrolled = await call<{ secret: string }>(platform.url, 'POST', '/api/v1/auth/mfa/totp', { token: sessionToken });
    expect(enrolled.status).toBe(201);
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(enrolled.body.secret), digits: 6, period: 30, algorithm: 'SHA1' });
    const confirmed = await call<{ recovery_codes: string[] }>(platform.url, 'POST', '/api/v1/auth/mfa/totp/confirm', {
      token: sessionToken,
      body: { code: totp.generate() },
    });
    expect(confirmed.status).toBe(200);
    return { totp, confirmed };
  }

  const signInWithPassword = async (requestToken: string, user: { username: string; password: string }) => {
    const page = await submitConsent(platform.url, {
      request_token: requestToken,
      username: user.username,
      password: user.password,
      decision: 'approve',
    });
    expect(page.status).toBe(200);
    return hiddenField(page.text, 'sign_in_token');
  };

  it('approves a user with MFA who gives the code their authenticator shows', async () => {
    const dora = await registerAndLogin(platform.url);
    const { totp } = await enrollTotp(dora.token);
    const requestToken = await consentPage();
    // The next step's code: the current one was spent by the confirmation, and one step of skew is allowed.
    const approved = await submitConsent(platform.url, {
      request_token: requestToken,
      sign_in_token: await signInWithPassword(requestToken, dora.user),
      code: totp.generate({ timestamp: Date.now() + 30_000 }),
      decision: 'approve',
    });
    expect(approved.status).toBe(302);
    expect(redirectQuery(approved.location).get('code')).toMatch(/^floc_/);
  });

  it("locks the user's second factor out after repeated wrong codes: the page again, 429 with Retry-After", async () => {
    const erin = await registerAndLogin(platform.url);
    await enrollTotp(erin.token);
    const requestToken = await consentPage();
    const signInToken = await signInWithPassword(requestToken, erin.user);
    const attempt = () =>
      submitConsent(platform.url, { request_token: requestToken, sign_in_token: signInToken, code: '000000', decision: 'approve' });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt()).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const locked = await attempt();
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(locked.text).toMatch(/name="code"/);
    expect(locked.location).toBeNull();
  });

  it('asks a user with MFA for their code after the password, refuses a wrong one (401, user.mfa_failed), then approves', async () => {
    const bob = await registerAndLogin(platform.url);
    const { confirmed } = await enrollTotp(bob.token);

    const requestToken = await consentPage();
    const passwordOnly = await submitConsent(platform.url, {
      request_token: requestToken,
      username: bob.user.username,
      password: bob.user.password,
      decision: 'approve',
    });
    expect(passwordOnly.status).toBe(200);
    expect(passwordOnly.location).toBeNull();
    expect(passwordOnly.text).toMatch(/name="code"/);
    expect(passwordOnly.text).not.toMatch(/name="password"/);
    const signInToken = hiddenField(passwordOnly.text, 'sign_in_token');

    const wrong = await submitConsent(platform.url, {
      request_token: requestToken,
      sign_in_token: signInToken,
      code: '000000',
      decision: 'approve',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.location).toBeNull();
    expect(hiddenField(wrong.text, 'sign_in_token')).toBe(signInToken);
    const failures = await platform.platform.eventStore.readStream(`user-${bob.id}`);
    expect(failures.some((event) => event.type === 'MfaFailed')).toBe(true);

    const otherRequest = await consentPage({ state: 'other' });
    const stolen = await submitConsent(platform.url, {
      request_token: otherRequest,
      sign_in_token: signInToken,
      recovery_code: confirmed.body.recovery_codes[0]!,
      decision: 'approve',
    });
    expect(stolen.status).toBe(401);
    expect(stolen.text).toMatch(/name="password"/);

    const approved = await submitConsent(platform.url, {
      request_token: requestToken,
      sign_in_token: signInToken,
      recovery_code: confirmed.body.recovery_codes[0]!,
      decision: 'approve',
    });
    expect(approved.status).toBe(302);
    expect(redirectQuery(approved.location).get('code')).toMatch(/^floc_/);
  });
});

describe('POST /oauth/token', () => {
  it('exchanges a code once: the second exchange is invalid_grant and ends the tokens the first gave', async () => {
    const { code, verifier } = await codeFor(app);
    const first = await exchange(app, code, verifier);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.body).toMatchObject({
      token_type: 'Bearer',
      scope: 'files.read',
      access_token: expect.any(String),
      refresh_token: expect.any(String),
    });
    expect((await listFolders(first.body.access_token as string)).status).toBe(200);
    const again = await exchange(app, code, verifier);
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: 'invalid_grant' });
    // RFC 6749 §10.5: a code used twice may have leaked, so the tokens it gave stop too.
    expect((await listFolders(first.body.access_token as string)).status).toBe(401);
  });

  it('enforces PKCE: no verifier, or a wrong one, is invalid_grant', async () => {
    const missing = await codeFor(app);
    expect((await exchange(app, missing.code, undefined)).body).toMatchObject({ error: 'invalid_grant' });
    const wrong = await codeFor(app);
    expect((await exchange(app, wrong.code, pkcePair().verifier)).body).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a code older than 60 seconds', async () => {
    const { code, verifier } = await codeFor(app);
    jest.useFakeTimers({
      advanceTimers: true,
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
    try {
      jest.setSystemTime(Date.now() + 61_000);
      const late = await exchange(app, code, verifier);
      expect(late.status).toBe(400);
      expect(late.body).toMatchObject({ error: 'invalid_grant' });
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuses another redirect_uri than the code was issued for, and a code of another app', async () => {
    const { code, verifier } = await codeFor(app);
    const otherRedirect = await exchange(app, code, verifier, { redirect_uri: 'http://127.0.0.1:9/other' });
    expect(otherRedirect.status).toBe(400);
    // RFC 6749 §5.2: a redirect_uri that does not match the code's is invalid_grant.
    expect(otherRedirect.body).toMatchObject({ error: 'invalid_grant' });
    const other = await registerApp(platform.url, alice.token);
    const stolen = await codeFor(app);
    expect((await exchange(other, stolen.code, stolen.verifier)).body).toMatchObject({ error: 'invalid_grant' });
  });

  it('authenticates a confidential app: no secret or a wrong one is invalid_client, Basic answers 401 with WWW-Authenticate', async () => {
    const { code, verifier } = await codeFor(app);
    const form = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier };
    const withoutSecret = await oauthPost(platform.url, 'token', { ...form, client_id: app.clientId });
    expect(withoutSecret.body).toMatchObject({ error: 'invalid_client' });
    const wrongSecret = await oauthPost(platform.url, 'token', form, { clientId: app.clientId, secret: 'flcs_wrong' });
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.body).toMatchObject({ error: 'invalid_client' });
    expect(wrongSecret.headers.get('www-authenticate')).toMatch(/^Basic/);
    const post = await oauthPost(platform.url, 'token', { ...form, client_id: app.clientId, client_secret: app.secret! });
    expect(post.status).toBe(200);
  });

  it('answers a malformed Basic header 401 invalid_client with the challenge, even beside a public client_id', async () => {
    const { code, verifier } = await codeFor(publicApp);
    const form = {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
      client_id: publicApp.clientId,
    };
    for (const authorization of ['Basic !!!', 'Basic', 'Bearer abc']) {
      const response = await fetch(`${platform.url}/api/v1/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization },
        body: new URLSearchParams(form).toString(),
      });
      expect({ authorization, status: response.status, challenge: response.headers.get('www-authenticate') }).toEqual({
        authorization,
        status: 401,
        challenge: 'Basic realm="filora"',
      });
      expect(await response.json()).toMatchObject({ error: 'invalid_client' });
    }
    // The code was not spent by those: the client that presents itself properly still gets its tokens.
    expect((await exchange(publicApp, code, verifier)).status).toBe(200);
  });

  it('serves a public app with PKCE and no secret, and refreshes it with rotation', async () => {
    const { code, verifier } = await codeFor(publicApp);
    const tokens = await exchange(publicApp, code, verifier);
    expect(tokens.status).toBe(200);
    expect((await listFolders(tokens.body.access_token as string)).status).toBe(200);
    const refreshed = await oauthPost(platform.url, 'token', {
      grant_type: 'refresh_token',
      refresh_token: tokens.body.refresh_token as string,
      client_id: publicApp.clientId,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(tokens.body.refresh_token);
    const withSecret = await oauthPost(platform.url, 'token', {
      grant_type: 'refresh_token',
      refresh_token: refreshed.body.refresh_token as string,
      client_id: publicApp.clientId,
      client_secret: 'flcs_anything',
    });
    expect(withSecret.body).toMatchObject({ error: 'invalid_client' });
  });

  it('narrows the scope on refresh, never widens it', async () => {
    const { code, verifier } = await codeFor(app, 'files.read');
    const tokens = await exchange(app, code, verifier);
    const wider = await oauthPost(
      platform.url,
      'token',
      { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token as string, scope: 'files.write' },
      app,
    );
    expect(wider.body).toMatchObject({ error: 'invalid_scope' });
  });
});

describe("narrowing an app's scopes", () => {
  it('narrows the tokens of grants made before: the access token loses the scope, a refresh gives only what the app still has', async () => {
    const narrowed = await registerApp(platform.url, alice.token, { scopes: ['files.read', 'files.write'] });
    const { code, verifier } = await codeFor(narrowed, 'files.read files.write');
    const tokens = await exchange(narrowed, code, verifier);
    expect(tokens.body).toMatchObject({ scope: 'files.read files.write' });
    const accessToken = tokens.body.access_token as string;
    const createFolder = (token: string) => call(platform.url, 'POST', '/api/v1/folders', { token, body: { name: `n${Math.random()}` } });
    expect((await createFolder(accessToken)).status).toBe(201);

    const patched = await call(platform.url, 'PATCH', `/api/v1/oauth/apps/${narrowed.clientId}`, {
      token: alice.token,
      body: { scopes: ['files.read'] },
    });
    expect(patched.status).toBe(200);
    // Another process's answer about the grant is reused for up to half a second: wait for it to go stale.
    const refused = await eventually(
      () => createFolder(accessToken),
      (answer) => answer.status !== 201,
    );
    expect(refused.status).toBe(403);
    expect((await listFolders(accessToken)).status).toBe(200);

    const refreshed = await oauthPost(
      platform.url,
      'token',
      { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token as string },
      narrowed,
    );
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toMatchObject({ scope: 'files.read' });
    expect((await createFolder(refreshed.body.access_token as string)).status).toBe(403);
    expect((await listFolders(refreshed.body.access_token as string)).status).toBe(200);
    // The refresh token it rotated to carries the narrowed scopes: asking for the old ones is refused.
    const wider = await oauthPost(
      platform.url,
      'token',
      { grant_type: 'refresh_token', refresh_token: refreshed.body.refresh_token as string, scope: 'files.read files.write' },
      narrowed,
    );
    expect(wider.body).toMatchObject({ error: 'invalid_scope' });
  });
});

describe('POST /oauth/revoke', () => {
  it('revokes an access token and its family: 401 at once, the refresh token is spent', async () => {
    const { code, verifier } = await codeFor(app);
    const tokens = await exchange(app, code, verifier);
    const revoked = await oauthPost(
      platform.url,
      'revoke',
      { token: tokens.body.access_token as string, token_type_hint: 'access_token' },
      app,
    );
    expect(revoked.status).toBe(200);
    expect(revoked.headers.get('cache-control')).toBe('no-store');
    expect((await listFolders(tokens.body.access_token as string)).status).toBe(401);
    const refresh = await oauthPost(
      platform.url,
      'token',
      { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token as string },
      app,
    );
    expect(refresh.body).toMatchObject({ error: 'invalid_grant' });
  });

  it("answers 200 for an unknown token and for another app's token, which goes on working", async () => {
    expect((await oauthPost(platform.url, 'revoke', { token: 'flor_nothing' }, app)).status).toBe(200);
    const { code, verifier } = await codeFor(app);
    const tokens = await exchange(app, code, verifier);
    const other = await registerApp(platform.url, alice.token);
    expect((await oauthPost(platform.url, 'revoke', { token: tokens.body.refresh_token as string }, other)).status).toBe(200);
    expect((await listFolders(tokens.body.access_token as string)).status).toBe(200);
  });

  it('authenticates the client: none, or a wrong secret, is 401 invalid_client', async () => {
    const none = await oauthPost(platform.url, 'revoke', { token: 'x' });
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ error: 'invalid_client' });
    const wrong = await oauthPost(platform.url, 'revoke', { token: 'x' }, { clientId: app.clientId, secret: 'flcs_wrong' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic/);
  });
});

describe('deleting the grant', () => {
  it('stops its tokens at once: the access token answers 401 and the refresh token is invalid_grant', async () => {
    const carol = await registerAndLogin(platform.url);
    const { verifier, challenge } = pkcePair();
    const query = await consentTo(platform.url, carol.user, {
      client_id: app.clientId,
      state: 's',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const tokens = await exchange(app, query.get('code')!, verifier);
    expect((await listFolders(tokens.body.access_token as string)).status).toBe(200);
    const grants = await call<{ data: { id: string }[] }>(platform.url, 'GET', '/api/v1/oauth/grants', { token: carol.token });
    expect(grants.body.data).toHaveLength(1);
    const deleted = await call(platform.url, 'DELETE', `/api/v1/oauth/grants/${grants.body.data[0]!.id}`, { token: carol.token });
    expect(deleted.status).toBe(204);
    expect((await listFolders(tokens.body.access_token as string)).status).toBe(401);
    const refresh = await oauthPost(
      platform.url,
      'token',
      { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token as string },
      app,
    );
    expect(refresh.body).toMatchObject({ error: 'invalid_grant' });
  });
});

describe('bad input on the protocol endpoints: a 4xx, in the RFC 6749 shape at the token and revocation endpoints, and no state changed', () => {
  let headBefore: string | null;
  beforeAll(async () => {
    headBefore = await domainHead(platform.platform.eventStore);
  });
  afterAll(async () => {
    expect(await domainHead(platform.platform.eventStore)).toBe(headBefore);
  });

  const raw = (path: string, body: string, contentType: string, headers: Record<string, string> = {}) =>
    fetch(`${platform.url}${path}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': contentType, ...headers }, body });

  it.each([
    ['a JSON body', JSON.stringify({ grant_type: 'authorization_code' }), 'application/json', 400, 'invalid_request'],
    ['no body', '', 'application/x-www-form-urlencoded', 400, 'invalid_request'],
    ['no grant_type', 'code=abc', 'application/x-www-form-urlencoded', 400, 'invalid_request'],
    ['the password grant', 'grant_type=password&username=a&password=b', 'application/x-www-form-urlencoded', 400, 'unsupported_grant_type'],
    ['the client credentials grant', 'grant_type=client_credentials', 'application/x-www-form-urlencoded', 400, 'unsupported_grant_type'],
    ['a repeated parameter', 'grant_type=authorization_code&code=a&code=b', 'application/x-www-form-urlencoded', 400, 'invalid_request'],
    [
      'a parameter too long',
      `grant_type=authorization_code&code=${'a'.repeat(3000)}`,
      'application/x-www-form-urlencoded',
      400,
      'invalid_request',
    ],
    [
      'a body over the limit',
      `grant_type=authorization_code&code=${'a'.repeat(JSON_LIMIT)}`,
      'application/x-www-form-urlencoded',
      413,
      'invalid_request',
    ],
    [
      'a malformed code',
      'grant_type=authorization_code&code=%00%01&redirect_uri=x',
      'application/x-www-form-urlencoded',
      400,
      'invalid_request',
    ],
    [
      'an unknown refresh token',
      'grant_type=refresh_token&refresh_token=flor_x',
      'application/x-www-form-urlencoded',
      400,
      'invalid_grant',
    ],
  ])('token endpoint: %s', async (_label, body, contentType, status, code) => {
    const basic = `Basic ${Buffer.from(`${app.clientId}:${app.secret}`).toString('base64')}`;
    const response = await raw('/api/v1/oauth/token', body, contentType, { authorization: basic });
    expect(response.status).toBe(status);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const answer = (await response.json()) as { error: string };
    expect(answer).toEqual({ error: code, error_description: expect.any(String) });
  });

  it.each([
    ['a JSON body', JSON.stringify({ token: 'x' }), 'application/json', 400],
    ['no token', '', 'application/x-www-form-urlencoded', 400],
    ['an unknown token_type_hint', 'token=x&token_type_hint=id_token', 'application/x-www-form-urlencoded', 400],
    ['an unknown field', 'token=x&extra=1', 'application/x-www-form-urlencoded', 400],
    ['a repeated token', 'token=x&token=y', 'application/x-www-form-urlencoded', 400],
    ['a body over the limit', `token=${'a'.repeat(JSON_LIMIT)}`, 'application/x-www-form-urlencoded', 413],
  ])('revocation endpoint: %s', async (_label, body, contentType, status) => {
    const basic = `Basic ${Buffer.from(`${app.clientId}:${app.secret}`).toString('base64')}`;
    const response = await raw('/api/v1/oauth/revoke', body, contentType, { authorization: basic });
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error: 'invalid_request', error_description: expect.any(String) });
  });

  it.each([
    ['no request_token', 'decision=approve'],
    ['no decision', 'request_token=abc'],
    ['an unknown decision', 'request_token=abc&decision=maybe'],
    ['an unknown field', 'request_token=abc&decision=approve&client_id=x'],
    ['a repeated field', 'request_token=abc&request_token=def&decision=approve'],
    ['a field too long', `request_token=abc&decision=approve&username=${'a'.repeat(300)}`],
    ['a request token that is not one', 'request_token=abc&decision=approve&username=a&password=b'],
  ])('consent form: %s answers 400 (a page; the error envelope for Accept: application/json)', async (_label, body) => {
    const page = await raw('/api/v1/oauth/authorize', body, 'application/x-www-form-urlencoded', { accept: 'text/html' });
    expect(page.status).toBe(400);
    expect(page.headers.get('location')).toBeNull();
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const json = await raw('/api/v1/oauth/authorize', body, 'application/x-www-form-urlencoded', { accept: 'application/json' });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ error: { code: 'validation_error' }, request_id: expect.any(String) });
  });

  it('consent form: a body over the limit is a 4xx', async () => {
    const page = await raw(
      '/api/v1/oauth/authorize',
      `request_token=${'a'.repeat(JSON_LIMIT)}&decision=deny`,
      'application/x-www-form-urlencoded',
    );
    expect(page.status).toBe(413);
  });

  it('authorize: a repeated query parameter is a 400 in the envelope, never a redirect', async () => {
    const response = await call(
      platform.url,
      'GET',
      `${authorizePath({ response_type: 'code', redirect_uri: REDIRECT_URI, ...consentParams() })}&state=again`,
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });

  it('consent form: a deny with a request token that is not one redirects nowhere', async () => {
    const page = await submitForm(platform.url, '/api/v1/oauth/authorize', { request_token: 'x', decision: 'deny' });
    expect(page.status).toBe(400);
    expect(page.location).toBeNull();
  });
});
