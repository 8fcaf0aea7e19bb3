import { readFileSync, rmSync } from 'node:fs';
import { captureStdout, filesUnder } from '../support/leakScan';
import { createToken } from '../support/apiTokens';
import { uploadJson } from '../support/files';
import { call, registerAndLogin } from '../support/http';
import type { FeedClient } from '../support/realtimeClients';
import { connectSocketIo, connectSse, connectWs } from '../support/realtimeClients';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

const logged = captureStdout();

/** The bound: an expired, revoked or logged-out credential closes its connections within this. */
const CLOSES_WITHIN_MS = 5000;

/** How long the connection took to end after `since`, and how it ended; fails past the bound. */
async function endedWithin(client: FeedClient, since: number) {
  let timer: NodeJS.Timeout | undefined;
  const ended = await Promise.race([
    client.ended,
    new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), CLOSES_WITHIN_MS + 1000))),
  ]);
  clearTimeout(timer);
  if (ended === null) throw new Error('the connection is still open');
  return { ...ended, ms: Date.now() - since };
}

describe('credentials checked again while connected', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform.close());

  it('a logout closes the session’s ws (4001), Socket.IO and SSE connections within 5 s', async () => {
    const user = await registerAndLogin(platform.url);
    const ws = await connectWs(platform.url, user.token);
    const socketIo = await connectSocketIo(platform.url, user.token);
    const sse = await connectSse(platform.url, { token: user.token });
    const other = await registerAndLogin(platform.url);
    const bystander = await connectWs(platform.url, other.token);

    const loggedOutAt = Date.now();
    expect((await call(platform.url, 'POST', '/api/v1/auth/logout', { body: { refresh_token: user.refreshToken } })).status).toBe(204);
    const reason = 'unauthorized: the session has ended (logged out, password changed, or a refresh token reused)';
    const wsEnd = await endedWithin(ws, loggedOutAt);
    expect(wsEnd).toMatchObject({ code: 4001, reason });
    expect(await endedWithin(socketIo, loggedOutAt)).toMatchObject({ code: 'unauthorized', reason });
    expect(await endedWithin(sse, loggedOutAt)).toMatchObject({ code: 'unauthorized', reason });
    for (const client of [ws, socketIo, sse]) expect((await endedWithin(client, loggedOutAt)).ms).toBeLessThan(CLOSES_WITHIN_MS);

    // Another user's connection stays, and still receives.
    await uploadJson(platform.url, other.token, { name: 'still.txt', content: 's' });
    await bystander.received(1);
    bystander.kill();
  });

  it('revoking a token closes its connections within 5 s; a token without files.read is refused', async () => {
    const { token: session } = await registerAndLogin(platform.url);
    const { id, secret } = await createToken(platform.url, session, { scopes: ['files.read'] });
    const ws = await connectWs(platform.url, secret);
    const sse = await connectSse(platform.url, { query: `?api_key=${secret}` });
    expect(sse.response.statusCode).toBe(200);
    const revokedAt = Date.now();
    expect((await call(platform.url, 'POST', `/api/v1/tokens/${id}/revoke`, { token: session })).status).toBe(200);
    const reason = 'unauthorized: the API token was revoked, regenerated or deleted, or has expired';
    const wsEnd = await endedWithin(ws, revokedAt);
    expect(wsEnd).toMatchObject({ code: 4001, reason });
    expect(wsEnd.ms).toBeLessThan(CLOSES_WITHIN_MS);
    expect(await endedWithin(sse, revokedAt)).toMatchObject({ code: 'unauthorized', reason });

    const { secret: auditOnly } = await createToken(platform.url, session, { scopes: ['audit.read'] });
    const refused = await connectWs(platform.url, null);
    refused.request({ type: 'auth', token: auditOnly });
    expect(await refused.ended).toEqual({ code: 4001, reason: 'forbidden: this call needs the files.read scope' });
    await expect(connectSocketIo(platform.url, auditOnly)).rejects.toMatchObject({ data: { code: 'forbidden' } });
  });
});

describe('an access token that expires', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ FILORA_ACCESS_TOKEN_TTL_SECONDS: '2' });
  });
  afterAll(() => platform.close());

  it('closes the connection within 5 s of its expiry', async () => {
    const user = await registerAndLogin(platform.url);
    const expiresAt = JSON.parse(Buffer.from(user.token.split('.')[1]!, 'base64url').toString()).exp * 1000;
    const ws = await connectWs(platform.url, user.token);
    const ended = await endedWithin(ws, expiresAt);
    expect(ended).toMatchObject({ code: 4001, reason: 'unauthorized: the access token has expired; refresh it and connect again' });
    expect(ended.ms).toBeLessThan(CLOSES_WITHIN_MS);
  });
});

describe('a ?access_token= credential', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform({ FILORA_LOG_LEVEL: 'debug' });
  });
  afterAll(() => rmSync(platform.dataDir, { recursive: true, force: true }));

  it('appears in no log line, usage record, or file of the data directory', async () => {
    const user = await registerAndLogin(platform.url);
    const query = `?access_token=${encodeURIComponent(user.token)}`;
    const sse = await connectSse(platform.url, { query });
    await uploadJson(platform.url, user.token, { name: 'seen.txt', content: 'x' });
    await sse.received(1);
    sse.kill();
    expect((await call(platform.url, 'GET', `/api/v1/files${query}`)).status).toBe(200);
    expect((await call(platform.url, 'GET', `/api/v1/files/not-a-uuid${query}`)).status).toBe(400);
    expect((await call(platform.url, 'GET', `/api/v1/files${query}&access_token=again`)).status).toBe(401);

    const stats = await call<{ top_routes: Array<{ route: string | null }> }>(
      platform.url,
      'GET',
      '/api/v1/integrations/stats?period=24h',
      {
        token: user.token,
      },
    );
    expect(stats.body.top_routes.map((row) => row.route)).toContain('/sync/stream');
    const head = await platform.platform.eventStore.headPosition();
    expect(await platform.platform.projections.waitFor(head!, 5000)).toBe(true);

    await platform.close(true);
    const lines = logged.join('');
    expect(lines).toContain('"path":"/sync/stream"');
    for (const value of [user.token, encodeURIComponent(user.token)]) {
      expect(lines.includes(value)).toBe(false);
      for (const file of filesUnder(platform.dataDir))
        expect({ file, found: readFileSync(file).includes(value) }).toEqual({ file, found: false });
    }
  });
});
