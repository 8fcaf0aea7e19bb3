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

describe('email addresses', () => {
  const withLocal = (length: number) => `${'l'.repeat(length)}@example.com`;

  it('refuses a local part longer than 64 characters at register and profile update', async () => {
    const tooLong = await call(platform.url, 'POST', '/api/v1/auth/register', { body: { ...uniqueUser('mail'), email: withLocal(65) } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toMatchObject({ error: { code: 'validation_error', details: [{ path: 'body.email' }] } });

    const longLabel = await call(platform.url, 'POST', '/api/v1/auth/register', {
      body: { ...uniqueUser('mail'), email: `someone@${'b'.repeat(64)}.example.com` },
    });
    expect(longLabel.status).toBe(400);

    const { token } = await registerAndLogin(platform.url);
    const update = await call(platform.url, 'PATCH', '/api/v1/users/me', { token, body: { email: withLocal(103) } });
    expect(update.status).toBe(400);
    expect(update.body).toMatchObject({ error: { code: 'validation_error', details: [{ path: 'body.email' }] } });
  });

  it('accepts a 64-character local part, 63-character domain labels and 254 characters in all', async () => {
    const longest = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`;
    expect(longest).toHaveLength(254);
    for (const email of [withLocal(64), longest]) {
      const user = { ...uniqueUser('mail'), email };
      const registered = await call(platform.url, 'POST', '/api/v1/auth/register', { body: user });
      expect({ email, status: registered.status }).toEqual({ email, status: 201 });
    }
  });
});
