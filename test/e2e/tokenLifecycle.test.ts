import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { filesUnder } from '../support/leakScan';
import { createToken } from '../support/apiTokens';
import { call, registerAndLogin } from '../support/http';
import type { ServerProcess } from '../support/serverProcess';
import { startServer } from '../support/serverProcess';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

/** The bound the issue sets: a revocation, regeneration, expiry or allowlist change takes effect everywhere within it. */
const TAKES_EFFECT_WITHIN_MS = 1000;

let platform: TestPlatform;
let secondApi: ServerProcess;
let session: string;
const secretsSeen: string[] = [];

beforeAll(async () => {
  platform = await startTestPlatform();
  // A second API process on the same data, as an operator scales out: it runs no projections of its own.
  secondApi = await startServer(platform.dataDir, {}, 'api');
  session = (await registerAndLogin(platform.url)).token;
}, 90_000);
afterAll(async () => {
  secondApi.child.kill('SIGTERM');
  await secondApi.exited;
  await platform.close();
});

const processes = () => [platform.url, secondApi.url];
const statusFrom = async (url: string, secret: string) => (await call(url, 'GET', '/api/v1/users/me', { token: secret })).status;

/** Polls every process until each answers `status` for the secret; answers the slowest one's wait, in ms. */
async function msUntilEveryProcessAnswers(secret: string, status: number, since = Date.now()): Promise<number> {
  let slowest = 0;
  for (const url of processes()) {
    for (;;) {
      if ((await statusFrom(url, secret)) === status) break;
      if (Date.now() - since > 5000) throw new Error(`${url} still does not answer ${status} 5 s later`);
      await sleep(20);
    }
    slowest = Math.max(slowest, Date.now() - since);
  }
  return slowest;
}

async function newToken(settings: Record<string, unknown> = {}) {
  const token = await createToken(platform.url, session, settings);
  secretsSeen.push(token.secret);
  for (const url of processes()) expect(await statusFrom(url, token.secret)).toBe(200);
  return token;
}

describe('a token change takes effect on every API process within 1 s', () => {
  it('revocation', async () => {
    const { id, secret } = await newToken();
    const revokedAt = Date.now();
    expect((await call(platform.url, 'POST', `/api/v1/tokens/${id}/revoke`, { token: session })).status).toBe(200);
    expect(await msUntilEveryProcessAnswers(secret, 401, revokedAt)).toBeLessThan(TAKES_EFFECT_WITHIN_MS);
  });

  it('regeneration: the old secret stops, the new one works', async () => {
    const { id, secret } = await newToken();
    const regeneratedAt = Date.now();
    const regenerated = await call<{ secret: string }>(platform.url, 'POST', `/api/v1/tokens/${id}/regenerate`, { token: session });
    expect(regenerated.status).toBe(200);
    secretsSeen.push(regenerated.body.secret);
    expect(regenerated.body.secret).not.toBe(secret);
    expect(await msUntilEveryProcessAnswers(secret, 401, regeneratedAt)).toBeLessThan(TAKES_EFFECT_WITHIN_MS);
    for (const url of processes()) expect(await statusFrom(url, regenerated.body.secret)).toBe(200);
  });

  it('expiry', async () => {
    const expiresAt = Date.now() + 1500;
    const { secret } = await newToken({ expires_at: new Date(expiresAt).toISOString() });
    await sleep(Math.max(0, expiresAt - Date.now()));
    expect(await msUntilEveryProcessAnswers(secret, 401, expiresAt)).toBeLessThan(TAKES_EFFECT_WITHIN_MS);
  });

  it('allowlist: a request from outside it answers 403, from inside 200', async () => {
    const { id, secret } = await newToken();
    const changedAt = Date.now();
    const patch = (ipAllowlist: string[]) =>
      call(platform.url, 'PATCH', `/api/v1/tokens/${id}`, { token: session, body: { ip_allowlist: ipAllowlist } });
    expect((await patch(['10.0.0.0/8', '2001:db8::/32'])).status).toBe(200);
    expect(await msUntilEveryProcessAnswers(secret, 403, changedAt)).toBeLessThan(TAKES_EFFECT_WITHIN_MS);
    const refused = await call(secondApi.url, 'GET', '/api/v1/users/me', { token: secret });
    expect(refused.body).toMatchObject({ error: { code: 'forbidden' } });
    const allowedAt = Date.now();
    expect((await patch(['127.0.0.0/8', '::1'])).status).toBe(200);
    expect(await msUntilEveryProcessAnswers(secret, 200, allowedAt)).toBeLessThan(TAKES_EFFECT_WITHIN_MS);
  });
});

describe('secrets at rest', () => {
  it('stores no secret in clear anywhere in the data directory, nor logs one', async () => {
    const { secret } = await newToken();
    await call(secondApi.url, 'GET', `/api/v1/users/me?api_key=${secret}`);
    await call(secondApi.url, 'GET', `/api/v1/no-such-route?api_key=${secret}`);
    // Everything written so far reaches the files: the WAL holds what is not checkpointed yet.
    const files = filesUnder(platform.dataDir);
    expect(files.some((file) => file.endsWith('filora.db'))).toBe(true);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const seen of secretsSeen) expect([file, bytes.includes(seen)]).toEqual([file, false]);
    }
    for (const seen of secretsSeen) expect(secondApi.output()).not.toContain(seen);
  });
});
