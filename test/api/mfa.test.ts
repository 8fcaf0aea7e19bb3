import { createToken } from '../support/apiTokens';
import { Authenticator } from '../support/authenticator';
import type { uniqueUser } from '../support/http';
import { call, registerAndLogin } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';
import { pollUntil } from '../support/webhookApi';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const api = (method: string, path: string, options: Parameters<typeof call>[3] = {}) =>
  call(platform.url, method, `/api/v1${path}`, options);

interface Enrolled {
  id: string;
  token: string;
  user: ReturnType<typeof uniqueUser>;
  app: Authenticator;
  recoveryCodes: string[];
}

async function enrolledUser(): Promise<Enrolled> {
  const { id, token, user } = await registerAndLogin(platform.url);
  const started = await api('POST', '/auth/mfa/totp', { token });
  expect(started.status).toBe(201);
  const app = new Authenticator(started.body.secret as string);
  const confirmed = await api('POST', '/auth/mfa/totp/confirm', { token, body: { code: await app.nextCode() } });
  expect(confirmed.status).toBe(200);
  return { id, token, user, app, recoveryCodes: confirmed.body.recovery_codes as string[] };
}

const passwordStep = async (user: { username: string; password: string }) =>
  api('POST', '/auth/login', { body: { username: user.username, password: user.password } });

async function mfaTokenOf(user: { username: string; password: string }): Promise<string> {
  const login = await passwordStep(user);
  expect(login.status).toBe(200);
  return login.body.mfa_token as string;
}

interface FeedEvent {
  type: string;
  user_id: string | null;
  payload: unknown;
}

const userEvents = async (id: string) => platform.platform.eventStore.readStream(`user-${id}`);

describe('TOTP enrollment', () => {
  it('answers the secret, an otpauth URI and a QR code once, uncached, and turns TOTP on with a code', async () => {
    const { id, token, user } = await registerAndLogin(platform.url);
    const started = await api('POST', '/auth/mfa/totp', { token });
    expect(started.status).toBe(201);
    expect(started.headers.get('cache-control')).toBe('no-store');
    const secret = started.body.secret as string;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(started.body.otpauth_uri as string);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe(`/Filora:${user.username}`);
    expect(uri.searchParams.get('issuer')).toBe('Filora');
    expect(started.body.qr_svg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(JSON.stringify((await userEvents(id)).map((event) => event.data))).not.toContain(secret);
    expect((await api('GET', '/auth/mfa', { token })).body).toEqual({
      totp: { enabled: false, pending: true, enrolled_at: null },
      recovery_codes_remaining: 0,
    });

    const app = new Authenticator(secret);
    const wrong = await api('POST', '/auth/mfa/totp/confirm', { token, body: { code: '000000' } });
    expect(wrong.status).toBe(401);
    const confirmed = await api('POST', '/auth/mfa/totp/confirm', { token, body: { code: await app.nextCode() } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.headers.get('cache-control')).toBe('no-store');
    const codes = confirmed.body.recovery_codes as string[];
    expect(codes).toHaveLength(10);
    expect(JSON.stringify((await userEvents(id)).map((event) => event.data))).not.toContain(codes[0]);
    const afterConfirm = { 'X-Filora-Min-Position': confirmed.headers.get('x-filora-position')! };
    const status = await api('GET', '/auth/mfa', { token, headers: afterConfirm });
    expect(status.body).toEqual({ totp: { enabled: true, pending: false, enrolled_at: expect.any(String) }, recovery_codes_remaining: 10 });
    expect(Date.now() - new Date((status.body.totp as { enrolled_at: string }).enrolled_at).getTime()).toBeLessThan(60_000);
    expect((await api('GET', '/users/me', { token, headers: afterConfirm })).body).toMatchObject({ mfa_enabled: true });
    expect((await api('POST', '/auth/mfa/totp', { token })).status).toBe(409);
  });

  it('lets no API token manage, check or send second factors', async () => {
    const { token } = await registerAndLogin(platform.url);
    const apiToken = await createToken(platform.url, token);
    for (const [method, path] of [
      ['GET', '/auth/mfa'],
      ['POST', '/auth/mfa/totp'],
    ] as const) {
      expect((await api(method, path, { token: apiToken.secret })).status).toBe(403);
    }
    expect((await api('POST', '/auth/mfa/totp/disable', { token: apiToken.secret, body: { code: '123456' } })).status).toBe(403);
    // Nor spend, guess or send codes in the user's name.
    expect((await api('POST', '/auth/verify', { token: apiToken.secret, body: { method: 'totp', code: '123456' } })).status).toBe(403);
    expect((await api('POST', '/otp/send', { token: apiToken.secret, body: { method: 'email' } })).status).toBe(403);
  });
});

describe('login with TOTP on', () => {
  it('needs the second step: the password answers an mfa_token and no session, a code then answers the session', async () => {
    const { user, id, app } = await enrolledUser();
    const login = await passwordStep(user);
    expect(login.status).toBe(200);
    expect(login.body).toEqual({ mfa_required: true, mfa_token: expect.any(String), methods: ['totp', 'recovery_code'], expires_in: 300 });
    expect(login.body).not.toHaveProperty('access_token');
    expect(login.headers.get('cache-control')).toBe('no-store');

    const verified = await api('POST', '/auth/mfa/verify', { body: { mfa_token: login.body.mfa_token, code: await app.nextCode() } });
    expect(verified.status).toBe(200);
    expect(verified.headers.get('cache-control')).toBe('no-store');
    expect(verified.body).toMatchObject({ token_type: 'Bearer', user_id: id, refresh_token: expect.any(String) });
    expect((await api('GET', '/users/me', { token: verified.body.access_token as string })).status).toBe(200);
    const authenticated = (await userEvents(id)).filter((event) => event.type === 'UserAuthenticated').at(-1);
    expect(authenticated?.data).toMatchObject({ method: 'totp', sessionId: expect.any(String) });
  });

  it('answers 401 to a wrong code and records user.mfa_failed: in the log and the feed (webhooks: test/e2e/mfaWebhook)', async () => {
    const { user, id, token } = await enrolledUser();
    const wrong = await api('POST', '/auth/mfa/verify', { body: { mfa_token: await mfaTokenOf(user), code: '000000' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: { code: 'unauthorized' } });
    const failure = (await userEvents(id)).at(-1);
    expect(failure).toMatchObject({ type: 'MfaFailed', data: { userId: id, method: 'totp', reason: 'wrong_code' } });

    const since = encodeURIComponent(new Date(Date.now() - 60_000).toISOString());
    const feed = await pollUntil(
      async () => (await api('GET', `/sync/updates?since=${since}&limit=500`, { token })).body as { events?: FeedEvent[] },
      (page) => page.events?.some((event) => event.type === 'user.mfa_failed') === true,
    );
    expect(feed.events?.find((event) => event.type === 'user.mfa_failed')).toMatchObject({
      user_id: id,
      payload: { reason: 'wrong_code' },
    });
  });

  it('refuses a replayed code', async () => {
    const { user, app } = await enrolledUser();
    const code = await app.nextCode();
    expect((await api('POST', '/auth/mfa/verify', { body: { mfa_token: await mfaTokenOf(user), code } })).status).toBe(200);
    const replayed = await api('POST', '/auth/mfa/verify', { body: { mfa_token: await mfaTokenOf(user), code } });
    expect(replayed.status).toBe(401);
    expect(replayed.body).toMatchObject({ error: { message: expect.stringMatching(/already used/) } });
  });

  it('takes a recovery code once', async () => {
    const { user, recoveryCodes, token } = await enrolledUser();
    const recovery_code = recoveryCodes[4]!;
    const first = await api('POST', '/auth/mfa/verify', { body: { mfa_token: await mfaTokenOf(user), recovery_code } });
    expect(first.status).toBe(200);
    const again = await api('POST', '/auth/mfa/verify', { body: { mfa_token: await mfaTokenOf(user), recovery_code } });
    expect(again.status).toBe(401);
    expect((await api('GET', '/auth/mfa', { token })).body).toMatchObject({ recovery_codes_remaining: 9 });
  });

  it('locks the second step after 5 wrong codes: 429 with Retry-After, even for the right code', async () => {
    const { user, app } = await enrolledUser();
    const mfa_token = await mfaTokenOf(user);
    for (let i = 0; i < 5; i++) {
      expect((await api('POST', '/auth/mfa/verify', { body: { mfa_token, code: '000000' } })).status).toBe(401);
    }
    const locked = await api('POST', '/auth/mfa/verify', { body: { mfa_token, code: await app.nextCode() } });
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ error: { code: 'rate_limited' } });
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(240);
    expect(retryAfter).toBeLessThanOrEqual(300);
  });

  it('starts one session per mfa_token: a second use is refused and spends no recovery code', async () => {
    const { user, app, recoveryCodes, token } = await enrolledUser();
    const mfa_token = await mfaTokenOf(user);
    expect((await api('POST', '/auth/mfa/verify', { body: { mfa_token, code: await app.nextCode() } })).status).toBe(200);
    const again = await api('POST', '/auth/mfa/verify', { body: { mfa_token, recovery_code: recoveryCodes[0] } });
    expect(again.status).toBe(401);
    expect(again.body).toMatchObject({ error: { code: 'unauthorized', message: expect.stringMatching(/mfa_token was already used/) } });
    expect((await api('GET', '/auth/mfa', { token })).body).toMatchObject({ recovery_codes_remaining: 10 });
  });

  it('refuses an mfa_token from before a password change', async () => {
    const { user, recoveryCodes, token } = await enrolledUser();
    const mfa_token = await mfaTokenOf(user);
    const changed = await api('PATCH', '/users/me', { token, body: { password: 'a brand new password', current_password: user.password } });
    expect(changed.status).toBe(200);
    const stale = await api('POST', '/auth/mfa/verify', { body: { mfa_token, recovery_code: recoveryCodes[0] } });
    expect(stale.status).toBe(401);
    expect(stale.body).toMatchObject({ error: { code: 'unauthorized', message: expect.stringMatching(/password changed/) } });
    const fresh = await mfaTokenOf({ username: user.username, password: 'a brand new password' });
    expect((await api('POST', '/auth/mfa/verify', { body: { mfa_token: fresh, recovery_code: recoveryCodes[0] } })).status).toBe(200);
  });

  it('keeps the mfa_token and access tokens apart', async () => {
    const { user, token } = await enrolledUser();
    const mfaToken = await mfaTokenOf(user);
    expect((await api('GET', '/users/me', { token: mfaToken })).status).toBe(401);
    expect((await api('POST', '/auth/mfa/verify', { body: { mfa_token: token, code: '123456' } })).status).toBe(401);
    expect((await api('POST', '/auth/mfa/verify', { body: { mfa_token: `${mfaToken}x`, code: '123456' } })).status).toBe(401);
  });
});

describe('disable and regenerate', () => {
  it('regenerates recovery codes for a current code (the old ones stop) and disables with a code: logins need only the password', async () => {
    const { user, token, app, recoveryCodes } = await enrolledUser();
    expect((await api('POST', '/auth/mfa/recovery-codes', { token, body: { code: '000000' } })).status).toBe(401);
    const fresh = await api('POST', '/auth/mfa/recovery-codes', { token, body: { code: await app.nextCode() } });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('cache-control')).toBe('no-store');
    expect(fresh.body.recovery_codes).toHaveLength(10);
    const old = await api('POST', '/auth/mfa/verify', { body: { mfa_token: await mfaTokenOf(user), recovery_code: recoveryCodes[0] } });
    expect(old.status).toBe(401);

    expect((await api('POST', '/auth/mfa/totp/disable', { token, body: { code: app.lastCode() } })).status).toBe(401);
    const freshCodes = fresh.body.recovery_codes as string[];
    const disabled = await api('POST', '/auth/mfa/totp/disable', { token, body: { recovery_code: freshCodes[0] } });
    expect(disabled.status).toBe(204);
    const me = await api('GET', '/users/me', { token, headers: { 'X-Filora-Min-Position': disabled.headers.get('x-filora-position')! } });
    expect(me.body).toMatchObject({ mfa_enabled: false });
    const login = await passwordStep(user);
    expect(login.body).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String) });
    expect((await api('GET', '/auth/mfa', { token })).body).toEqual({
      totp: { enabled: false, pending: false, enrolled_at: null },
      recovery_codes_remaining: 0,
    });
    expect((await api('POST', '/auth/mfa/totp/disable', { token, body: { recovery_code: freshCodes[1] } })).status).toBe(409);
  });
});

describe('POST /auth/verify (the seed)', () => {
  it("checks the caller's own TOTP code once; another user is a 404", async () => {
    const { id, token, app } = await enrolledUser();
    const other = await registerAndLogin(platform.url);
    const code = await app.nextCode();
    const verified = await api('POST', '/auth/verify', { token, body: { user_id: id, method: 'totp', code } });
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ verified: true, user_id: id, timestamp: expect.any(String) });
    expect(new Date(verified.body.timestamp as string).getTime()).not.toBeNaN();
    expect((await api('POST', '/auth/verify', { token, body: { method: 'totp', code } })).status).toBe(401);
    expect((await api('POST', '/auth/verify', { token, body: { user_id: other.id, method: 'totp', code: '123456' } })).status).toBe(404);
    const withoutTotp = await api('POST', '/auth/verify', { token: other.token, body: { method: 'totp', code: '123456' } });
    expect(withoutTotp.status).toBe(401);
  });
});
