import { createToken } from '../support/apiTokens';
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

describe('PATCH /users/me', () => {
  it('changes the display name, username and email, and frees the old username', async () => {
    const { token, user } = await registerAndLogin(platform.url);
    const next = uniqueUser('renamed');
    const patched = await call(platform.url, 'PATCH', '/api/v1/users/me', {
      token,
      body: { display_name: 'New Name', username: next.username, email: next.email },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ display_name: 'New Name', username: next.username, email: next.email });

    const loginOld = await call(platform.url, 'POST', '/api/v1/auth/login', { body: { username: user.username, password: user.password } });
    expect(loginOld.status).toBe(401);
    const loginNew = await call(platform.url, 'POST', '/api/v1/auth/login', { body: { username: next.username, password: user.password } });
    expect(loginNew.status).toBe(200);
    const reuseOld = await call(platform.url, 'POST', '/api/v1/auth/register', { body: { ...uniqueUser('z'), username: user.username } });
    expect(reuseOld.status).toBe(201);
  });

  it('needs a login session: an API token, even with every scope, changes nothing (403)', async () => {
    const { token, user } = await registerAndLogin(platform.url);
    const apiToken = await createToken(platform.url, token, {
      scopes: ['files.read', 'files.write', 'shares.manage', 'webhooks.manage', 'audit.read'],
    });
    const refused = await call(platform.url, 'PATCH', '/api/v1/users/me', {
      token: apiToken.secret,
      body: { username: uniqueUser('taken').username, email: 'attacker@evil.example' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { code: 'forbidden', message: expect.stringContaining('API and OAuth tokens') } });
    const me = await call(platform.url, 'GET', '/api/v1/users/me', { token });
    expect(me.body).toMatchObject({ username: user.username, email: user.email });
  });

  it('refuses a username another user holds', async () => {
    const a = await registerAndLogin(platform.url);
    const b = await registerAndLogin(platform.url);
    const response = await call(platform.url, 'PATCH', '/api/v1/users/me', { token: b.token, body: { username: a.user.username } });
    expect(response.status).toBe(409);
  });

  it('changes the password only with the current one', async () => {
    const { token, user } = await registerAndLogin(platform.url);
    expect((await call(platform.url, 'PATCH', '/api/v1/users/me', { token, body: { password: 'a new password' } })).status).toBe(400);
    expect(
      (
        await call(platform.url, 'PATCH', '/api/v1/users/me', {
          token,
          body: { password: 'a new password', current_password: 'wrong one' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call(platform.url, 'PATCH', '/api/v1/users/me', {
          token,
          body: { password: 'a new password', current_password: user.password },
        })
      ).status,
    ).toBe(200);
    expect(
      (await call(platform.url, 'POST', '/api/v1/auth/login', { body: { username: user.username, password: user.password } })).status,
    ).toBe(401);
    expect(
      (await call(platform.url, 'POST', '/api/v1/auth/login', { body: { username: user.username, password: 'a new password' } })).status,
    ).toBe(200);
  });

  it('ends every existing session at its next refresh once the password changes', async () => {
    const { token, user, refreshToken: first } = await registerAndLogin(platform.url);
    const second = await call<{ refresh_token: string }>(platform.url, 'POST', '/api/v1/auth/login', {
      body: { username: user.username, password: user.password },
    });
    expect((await call(platform.url, 'PATCH', '/api/v1/users/me', { token, body: { display_name: 'Still Me' } })).status).toBe(200);
    const stillValid = await call<{ refresh_token: string }>(platform.url, 'POST', '/api/v1/auth/refresh', {
      body: { refresh_token: first },
    });
    expect(stillValid.status).toBe(200);

    expect(
      (
        await call(platform.url, 'PATCH', '/api/v1/users/me', {
          token,
          body: { password: 'another password', current_password: user.password },
        })
      ).status,
    ).toBe(200);
    for (const refreshToken of [stillValid.body.refresh_token, second.body.refresh_token]) {
      const refreshed = await call(platform.url, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: refreshToken } });
      expect(refreshed.status).toBe(401);
      expect(refreshed.body).toMatchObject({ error: { message: expect.stringMatching(/password changed/) } });
    }
    const fresh = await call<{ refresh_token: string }>(platform.url, 'POST', '/api/v1/auth/login', {
      body: { username: user.username, password: 'another password' },
    });
    expect((await call(platform.url, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: fresh.body.refresh_token } })).status).toBe(
      200,
    );
  });
});

describe('GET /users/search', () => {
  it('finds users by username or display name, shows no emails, and pages with a cursor', async () => {
    const tag = `srch${Date.now().toString(36)}`;
    const { token } = await registerAndLogin(platform.url);
    for (let i = 0; i < 5; i++) await call(platform.url, 'POST', '/api/v1/auth/register', { body: { ...uniqueUser(`${tag}${i}`) } });
    await call(platform.url, 'POST', '/api/v1/auth/register', {
      body: { ...uniqueUser('other'), display_name: `Known as ${tag.toUpperCase()}` },
    });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/v1/users/search?q=${tag}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await call<{
        data: Array<Record<string, unknown>>;
        page: { next_cursor: string | null; has_more: boolean; limit: number };
      }>(platform.url, 'GET', query, { token });
      expect(page.status).toBe(200);
      expect(page.body.page.limit).toBe(2);
      for (const row of page.body.data) {
        expect(Object.keys(row).sort()).toEqual(['display_name', 'id', 'username']);
        seen.push(row.username as string);
      }
      cursor = page.body.page.next_cursor;
    } while (cursor);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    expect([...seen].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()))).toEqual(seen);
  });

  it('validates q, limit and cursor', async () => {
    const { token } = await registerAndLogin(platform.url);
    for (const query of [
      'q=a',
      'q=',
      '',
      'q=ab&limit=51',
      'q=ab&limit=0',
      'q=ab&limit=x',
      'q=ab&cursor=!!notacursor',
      'q=ab&unknown=1',
      'q=ab&q=cd',
    ]) {
      const response = await call(platform.url, 'GET', `/api/v1/users/search?${query}`, { token });
      expect({ query, status: response.status, code: (response.body as { error?: { code: string } }).error?.code }).toEqual({
        query,
        status: 400,
        code: 'validation_error',
      });
    }
  });

  it('needs authentication', async () => {
    expect((await call(platform.url, 'GET', '/api/v1/users/search?q=ab')).status).toBe(401);
  });
});
