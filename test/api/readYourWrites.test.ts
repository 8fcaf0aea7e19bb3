import { call, registerAndLogin, uniqueUser } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

const MAX_WAIT_MS = 400;
let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ FILORA_READ_WAIT_MAX_MS: String(MAX_WAIT_MS) });
});
afterAll(async () => {
  await platform.close();
});

const search = (token: string, username: string, position?: string) =>
  call<{ data: Array<{ username: string }> }>(
    platform.url,
    'GET',
    `/api/v1/users/search?q=${username}${position ? `&after_position=${position}` : ''}`,
    { token },
  );

describe('read-your-writes with ?after_position=', () => {
  it('waits until the read models hold the position a write returned', async () => {
    const { token } = await registerAndLogin(platform.url);
    await platform.platform.projections.stop();
    const user = uniqueUser('ryw');
    // The write is stored, but its view cannot be shown yet: 202 with the position to read after.
    const registered = await call<{ id: string; status: string; position: string }>(platform.url, 'POST', '/api/v1/auth/register', {
      body: user,
    });
    expect(registered.status).toBe(202);
    const position = registered.headers.get('x-filora-position')!;
    expect(registered.body).toEqual({ id: expect.any(String), status: 'accepted', position, message: expect.any(String) });

    // Projections are stopped: the read gives up after the bound and says it may be stale.
    const stale = await search(token, user.username, position);
    expect(stale.headers.get('x-filora-stale')).toBe('true');
    expect(stale.body.data).toHaveLength(0);

    // A read that is waiting when the projections resume answers as soon as they reach the position.
    const waiting = search(token, user.username, position);
    await platform.platform.projections.start();
    const fresh = await waiting;
    expect(fresh.headers.get('x-filora-stale')).toBeNull();
    expect(fresh.body.data.map((row) => row.username)).toEqual([user.username]);
  });

  it('accepts the position in the X-Filora-Min-Position header too, and rejects malformed positions', async () => {
    const { token } = await registerAndLogin(platform.url);
    const head = (await platform.platform.eventStore.headPosition())!;
    const viaHeader = await call(platform.url, 'GET', '/api/v1/users/me', { token, headers: { 'x-filora-min-position': head } });
    expect(viaHeader.status).toBe(200);
    expect(viaHeader.headers.get('x-filora-stale')).toBeNull();
    const beyondHead = '9'.repeat(head.length);
    const ahead = await call(platform.url, 'GET', `/api/v1/users/me?after_position=${beyondHead}`, { token });
    expect(ahead.status).toBe(400);
    expect(ahead.body).toMatchObject({ error: { message: expect.stringMatching(/ahead of the event log/) } });
    for (const bad of ['%20', 'a%20b', 'x'.repeat(101), "1'--"]) {
      const response = await call(platform.url, 'GET', `/api/v1/users/me?after_position=${bad}`, { token });
      expect({ bad, status: response.status }).toEqual({ bad, status: 400 });
    }
  });
});
