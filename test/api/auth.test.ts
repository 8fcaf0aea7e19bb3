import { call, registerAndLogin, uniqueUser } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

describe('register, login, me', () => {
  it('registers, logs in and answers /users/me and its alias /user', async () => {
    const user = uniqueUser('alice');
    const registered = await call(platform.url, 'POST', '/api/v1/auth/register', { body: user });
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({
      username: user.username,
      email: user.email,
      display_name: user.display_name,
      last_login_at: null,
    });
    expect(registered.body).not.toHaveProperty('password');
    expect(registered.body).not.toHaveProperty('passwordHash');
    expect(registered.headers.get('x-filora-position')).toMatch(/\S/);

    const login = await call<{ access_token: string; token_type: string; expires_in: number; refresh_token: string }>(
      platform.url,
      'POST',
      '/api/v1/auth/login',
      { body: { username: user.username, password: user.password } },
    );
    expect(login.status).toBe(200);
    expect(login.body.token_type).toBe('Bearer');
    expect(login.body.expires_in).toBeGreaterThan(0);
    expect(login.body.refresh_token).toMatch(/^frt_/);
    expect(login.headers.get('cache-control')).toBe('no-store');

    for (const path of ['/api/v1/users/me', '/api/v1/user']) {
      const me = await call(platform.url, 'GET', path, { token: login.body.access_token });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: registered.body.id, username: user.username });
      expect(me.body.last_login_at).not.toBeNull();
    }
  });

  it('logs in by email, case-insensitively', async () => {
    const user = uniqueUser('bob');
    await call(platform.url, 'POST', '/api/v1/auth/register', { body: user });
    const login = await call(platform.url, 'POST', '/api/v1/auth/login', {
      body: { username: user.email.toUpperCase(), password: user.password },
    });
    expect(login.status).toBe(200);
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    const { user } = await registerAndLogin(platform.url);
    const wrong = await call(platform.url, 'POST', '/api/v1/auth/login', {
      body: { username: user.username, password: 'not the password' },
    });
    const unknown = await call(platform.url, 'POST', '/api/v1/auth/login', { body: { username: 'nobody_here', password: 'whatever1' } });
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ error: { code: 'unauthorized', message: 'invalid username or password' } });
    }
  });

  it('answers 409 for a taken username or email, whatever the letter case', async () => {
    const user = uniqueUser('carol');
    expect((await call(platform.url, 'POST', '/api/v1/auth/register', { body: user })).status).toBe(201);
    const sameName = await call(platform.url, 'POST', '/api/v1/auth/register', {
      body: { ...uniqueUser('x'), username: user.username.toUpperCase() },
    });
    expect(sameName.status).toBe(409);
    expect(sameName.body).toMatchObject({ error: { code: 'conflict', details: [{ path: 'username' }] } });
    const loser = uniqueUser('y');
    const sameEmail = await call(platform.url, 'POST', '/api/v1/auth/register', { body: { ...loser, email: user.email.toUpperCase() } });
    expect(sameEmail.status).toBe(409);
    // The failed registration released the username it had claimed first.
    expect((await call(platform.url, 'POST', '/api/v1/auth/register', { body: loser })).status).toBe(201);
  });

  it('gives exactly one 201 to concurrent registrations of one username', async () => {
    const username = `race_${Date.now()}`;
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        call(platform.url, 'POST', '/api/v1/auth/register', { body: { ...uniqueUser(`r${i}`), username } }),
      ),
    );
    const statuses = attempts.map((attempt) => attempt.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(7);
  });
});

describe('refresh tokens', () => {
  it('rotates, and a reused refresh token revokes its whole family', async () => {
    const { refreshToken } = await registerAndLogin(platform.url);
    const first = await call<{ refresh_token: string; access_token: string }>(platform.url, 'POST', '/api/v1/auth/refresh', {
      body: { refresh_token: refreshToken },
    });
    expect(first.status).toBe(200);
    expect(first.body.refresh_token).not.toBe(refreshToken);
    expect(first.headers.get('cache-control')).toBe('no-store');

    const reused = await call(platform.url, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: refreshToken } });
    expect(reused.status).toBe(401);
    // The family is revoked: even the newest token no longer works.
    const newest = await call(platform.url, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: first.body.refresh_token } });
    expect(newest.status).toBe(401);
  });

  it('logout ends the session', async () => {
    const { refreshToken } = await registerAndLogin(platform.url);
    expect((await call(platform.url, 'POST', '/api/v1/auth/logout', { body: { refresh_token: refreshToken } })).status).toBe(204);
    expect((await call(platform.url, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: refreshToken } })).status).toBe(401);
  });

  it('refuses forged and malformed refresh tokens', async () => {
    const forged = `frt_${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}_${'A'.repeat(43)}`;
    expect((await call(platform.url, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: forged } })).status).toBe(401);
    expect((await call(platform.url, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: 'garbage' } })).status).toBe(401);
  });
});

describe('access tokens', () => {
  it('refuses missing, malformed and tampered tokens with 401', async () => {
    const { token } = await registerAndLogin(platform.url);
    const tampered = token.slice(0, -3) + (token.endsWith('AAA') ? 'BBB' : 'AAA');
    for (const headers of [
      {} as Record<string, string>,
      { authorization: 'Bearer' },
      { authorization: 'Basic abc' },
      { authorization: `Bearer ${tampered}` },
      { authorization: 'Bearer a.b.c' },
    ]) {
      const response = await call(platform.url, 'GET', '/api/v1/users/me', { headers });
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ error: { code: 'unauthorized' }, request_id: expect.any(String) });
    }
  });

  it('accepts the token through X-API-Key and ?api_key= too', async () => {
    const { token } = await registerAndLogin(platform.url);
    expect((await call(platform.url, 'GET', '/api/v1/users/me', { headers: { 'x-api-key': token } })).status).toBe(200);
    expect((await call(platform.url, 'GET', `/api/v1/users/me?api_key=${encodeURIComponent(token)}`)).status).toBe(200);
  });
});
