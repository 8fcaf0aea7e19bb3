import { setTimeout as sleep } from 'node:timers/promises';
import { call, registerAndLogin } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const me = (token: string) => call(platform.url, 'GET', '/api/v1/users/me', { token });

/** Polls until the token is refused; answers how many polls it took, or fails after a deadline well past the 1 s bound. */
async function pollsUntilRefused(token: string): Promise<number> {
  for (let polls = 1; polls <= 100; polls++) {
    const response = await me(token);
    if (response.status === 401) {
      expect(response.body).toMatchObject({ error: { code: 'unauthorized' } });
      return polls;
    }
    expect(response.status).toBe(200);
    await sleep(50);
  }
  throw new Error('the access token still works 5 s after its session ended');
}

describe('access tokens stop with their session', () => {
  it('works at once after login, and stops after logout', async () => {
    const { token, refreshToken } = await registerAndLogin(platform.url);
    expect((await me(token)).status).toBe(200);
    expect((await call(platform.url, 'POST', '/api/v1/auth/logout', { body: { refresh_token: refreshToken } })).status).toBe(204);
    expect(await pollsUntilRefused(token)).toBeGreaterThanOrEqual(1);
  });

  it("stops every session's tokens when the password changes, and a new login works", async () => {
    const { token, user } = await registerAndLogin(platform.url);
    const other = await call<{ access_token: string }>(platform.url, 'POST', '/api/v1/auth/login', {
      body: { username: user.username, password: user.password },
    });
    expect((await me(other.body.access_token)).status).toBe(200);
    const changed = await call(platform.url, 'PATCH', '/api/v1/users/me', {
      token,
      body: { password: 'a brand new password', current_password: user.password },
    });
    expect(changed.status).toBe(200);
    await pollsUntilRefused(other.body.access_token);
    await pollsUntilRefused(token);
    const fresh = await call<{ access_token: string }>(platform.url, 'POST', '/api/v1/auth/login', {
      body: { username: user.username, password: 'a brand new password' },
    });
    expect((await me(fresh.body.access_token)).status).toBe(200);
  });

  it('keeps a token working while its session lives, across refreshes of another session', async () => {
    const { token, user } = await registerAndLogin(platform.url);
    const other = await call<{ refresh_token: string }>(platform.url, 'POST', '/api/v1/auth/login', {
      body: { username: user.username, password: user.password },
    });
    expect((await call(platform.url, 'POST', '/api/v1/auth/logout', { body: { refresh_token: other.body.refresh_token } })).status).toBe(
      204,
    );
    await sleep(1100);
    expect((await me(token)).status).toBe(200);
  });
});
