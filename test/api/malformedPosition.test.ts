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

const envelope = (code: string) => ({
  error: { code, message: expect.any(String), details: expect.any(Array) },
  request_id: expect.any(String),
});

describe('a malformed read position', () => {
  it('is refused as malformed, in the query and in X-Filora-Min-Position', async () => {
    const { token } = await registerAndLogin(platform.url);
    const head = (await platform.platform.eventStore.headPosition())!;
    const answers = [
      await call(platform.url, 'GET', '/api/v1/users/me?after_position=abc', { token }),
      await call(platform.url, 'GET', '/api/v1/users/me', { token, headers: { 'x-filora-min-position': 'abc' } }),
      await call(platform.url, 'GET', `/api/v1/users/me?after_position=${head.slice(1)}`, { token }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual(envelope('validation_error'));
      expect(answer.body).toMatchObject({ error: { message: expect.stringMatching(/malformed/) } });
    }
    expect((await call(platform.url, 'GET', `/api/v1/users/me?after_position=${head}`, { token })).status).toBe(200);
  });
});
