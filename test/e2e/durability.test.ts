import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, uniqueUser } from '../support/http';
import { runFilora, startServer } from '../support/serverProcess';
import { startTestPlatform } from '../support/testPlatform';

jest.setTimeout(90_000);

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'filora-e2e-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('durability of the embedded profile', () => {
  it('loses no acknowledged registration when killed with SIGKILL mid-burst, and catches up after restart', async () => {
    const server = await startServer(dataDir, { FILORA_SQLITE_SYNCHRONOUS: 'FULL' });
    const acknowledged: string[] = [];
    let sent = 0;
    const burst = Array.from({ length: 6 }, async (_, worker) => {
      for (;;) {
        const user = uniqueUser(`kill${worker}`);
        sent++;
        try {
          const response = await call(server.url, 'POST', '/api/v1/auth/register', { body: user });
          if (response.status === 201) acknowledged.push(user.username);
        } catch {
          return; // the connection died with the server
        }
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    server.child.kill('SIGKILL');
    await Promise.all(burst);
    await server.exited;
    expect(acknowledged.length).toBeGreaterThan(5);

    const restarted = await startServer(dataDir);
    try {
      const login = async (username: string) =>
        (await call(restarted.url, 'POST', '/api/v1/auth/login', { body: { username, password: 'correct horse battery' } })).status;
      const token = (
        await call<{ access_token: string }>(restarted.url, 'POST', '/api/v1/auth/login', {
          body: { username: acknowledged[0], password: 'correct horse battery' },
        })
      ).body.access_token;
      for (const username of acknowledged) {
        expect({ username, status: await login(username) }).toEqual({ username, status: 200 });
        const found = await call<{ data: Array<{ username: string }> }>(
          restarted.url,
          'GET',
          `/api/v1/users/search?q=${username}&limit=50`,
          { token },
        );
        expect({ username, matches: found.body.data.filter((row) => row.username === username).length }).toEqual({ username, matches: 1 });
      }
      const ready = await call<{ projections: Array<{ lag: number }> }>(restarted.url, 'GET', '/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.projections.every((projection) => projection.lag === 0)).toBe(true);
      console.log(JSON.stringify({ sigkillBurst: { sent, acknowledged: acknowledged.length } }));
    } finally {
      restarted.child.kill('SIGTERM');
      expect(await restarted.exited).toBe(0);
    }
  });

  it('shuts down gracefully on SIGTERM, finishing in-flight requests', async () => {
    const server = await startServer(dataDir);
    const users = Array.from({ length: 5 }, () => uniqueUser('term'));
    const inFlight = users.map((user) => call(server.url, 'POST', '/api/v1/auth/register', { body: user }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    server.child.kill('SIGTERM');
    const results = await Promise.allSettled(inFlight);
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('"msg":"stopped"');
    const answered = users.filter(
      (_user, i) => results[i]?.status === 'fulfilled' && (results[i] as PromiseFulfilledResult<{ status: number }>).value.status === 201,
    );
    expect(answered.length).toBeGreaterThan(0);

    const restarted = await startServer(dataDir);
    try {
      for (const user of answered) {
        const login = await call(restarted.url, 'POST', '/api/v1/auth/login', {
          body: { username: user.username, password: user.password },
        });
        expect({ user: user.username, status: login.status }).toEqual({ user: user.username, status: 200 });
      }
    } finally {
      restarted.child.kill('SIGTERM');
      await restarted.exited;
    }
  });

  it('filora rebuild recreates identical read models and prints progress', async () => {
    const platform = await startTestPlatform({}, dataDir);
    for (let i = 0; i < 30; i++) {
      const user = uniqueUser(`rb${i}`);
      await call(platform.url, 'POST', '/api/v1/auth/register', { body: user });
      if (i % 3 === 0)
        await call(platform.url, 'POST', '/api/v1/auth/login', { body: { username: user.username, password: user.password } });
    }
    const head = await platform.platform.eventStore.headPosition();
    await platform.platform.projections.waitFor(head!, 5000);
    const before = await platform.platform.readStore.find('users', {}, { limit: 1000 });
    await platform.close(true);

    const rebuild = runFilora('rebuild', { FILORA_DATA_DIR: dataDir });
    expect(await rebuild.exited).toBe(0);
    expect(rebuild.output()).toMatch(/users\s+\[#+\]\s+100%/);
    expect(rebuild.output()).toContain('"msg":"rebuild finished"');

    const reopened = await startTestPlatform({}, dataDir);
    try {
      const after = await reopened.platform.readStore.find('users', {}, { limit: 1000 });
      expect(after).toHaveLength(30);
      expect(after).toEqual(before);
    } finally {
      await reopened.close(true);
    }
  });
});
