import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import type { ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, uniqueUser } from '../support/http';
import type { ServerProcess } from '../support/serverProcess';
import { runFilora, startServer } from '../support/serverProcess';
import { startTestPlatform } from '../support/testPlatform';

jest.setTimeout(180_000);

/** How many registrations must be acknowledged before the server is killed, and how long a slow machine gets to reach it. */
const ACKNOWLEDGED_BEFORE_KILL = 12;
const BURST_DEADLINE_MS = 60_000;

/** Resolves once `line` appears in the server's output, or rejects when the deadline passes or the server exits first. */
function outputContains(server: ServerProcess, line: string, deadlineMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      server.child.stdout?.off('data', check);
      reject(new Error(`the server did not log ${line}:\n${server.output()}`));
    }, deadlineMs);
    function check(): void {
      if (!server.output().includes(line)) return;
      clearTimeout(timer);
      server.child.stdout?.off('data', check);
      resolve();
    }
    server.child.stdout?.on('data', check);
    void server.exited.then(check);
    check();
  });
}

/** Probes until `done` holds or the deadline passes, and returns the last probe for the test to assert on. */
async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, deadlineMs = 60_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() >= deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A registration the server is known to be handling: sent with `Expect: 100-continue`, it is in flight once the
 * server has answered 100 Continue, and stays so until `finish` sends its body.
 */
interface HeldRegistration {
  finish: () => void;
  status: Promise<number>;
}

function holdRegistration(url: string, user: ReturnType<typeof uniqueUser>): Promise<HeldRegistration> {
  const body = JSON.stringify(user);
  return new Promise((resolveHeld, rejectHeld) => {
    let status: (value: number) => void = () => undefined;
    let failed: (error: Error) => void = () => undefined;
    const answered = new Promise<number>((resolve, reject) => {
      status = resolve;
      failed = reject;
    });
    const req: ClientRequest = request(`${url}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), expect: '100-continue' },
    });
    req.on('continue', () => resolveHeld({ finish: () => req.end(body), status: answered }));
    req.on('response', (response) => {
      rejectHeld(new Error(`the server answered ${response.statusCode} before the body was sent`));
      response.resume();
      response.on('end', () => status(response.statusCode ?? 0));
    });
    req.on('error', (error) => {
      rejectHeld(error);
      failed(error);
    });
    req.flushHeaders();
  });
}

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
    let enoughAcknowledged: () => void = () => undefined;
    const reachedTarget = new Promise<void>((resolve) => (enoughAcknowledged = resolve));
    const burst = Array.from({ length: 6 }, async (_, worker) => {
      for (;;) {
        const user = uniqueUser(`kill${worker}`);
        sent++;
        try {
          const response = await call(server.url, 'POST', '/api/v1/auth/register', { body: user });
          if (response.status === 201) acknowledged.push(user.username);
          if (acknowledged.length >= ACKNOWLEDGED_BEFORE_KILL) enoughAcknowledged();
        } catch {
          return; // the connection died with the server
        }
      }
    });
    // Killed once enough writes are acknowledged, however long that takes here, while the workers keep writing.
    let deadline: NodeJS.Timeout | undefined;
    await Promise.race([reachedTarget, new Promise<void>((resolve) => (deadline = setTimeout(resolve, BURST_DEADLINE_MS)))]);
    clearTimeout(deadline);
    server.child.kill('SIGKILL');
    await Promise.all(burst);
    await server.exited;
    expect(acknowledged.length).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_KILL);

    const restarted = await startServer(dataDir);
    try {
      // Projections catch up in the background after a restart; the read models are checked once they report no lag.
      const ready = await eventually(
        () => call<{ projections: Array<{ lag: number }> }>(restarted.url, 'GET', '/ready'),
        (response) => response.status === 200 && response.body.projections.every((projection) => projection.lag === 0),
      );
      expect(ready.status).toBe(200);
      expect(ready.body.projections.every((projection) => projection.lag === 0)).toBe(true);

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
      console.log(JSON.stringify({ sigkillBurst: { sent, acknowledged: acknowledged.length } }));
    } finally {
      restarted.child.kill('SIGTERM');
      expect(await restarted.exited).toBe(0);
    }
  });

  it('shuts down gracefully on SIGTERM, finishing in-flight requests', async () => {
    const server = await startServer(dataDir);
    const users = Array.from({ length: 5 }, () => uniqueUser('term'));
    const inFlight = await Promise.all(users.map((user) => holdRegistration(server.url, user)));
    server.child.kill('SIGTERM');
    await outputContains(server, '"msg":"shutting down"');
    // Only now do the bodies arrive: the server has begun shutting down and must still finish these requests.
    for (const registration of inFlight) registration.finish();
    const statuses = await Promise.all(inFlight.map((registration) => registration.status));
    expect(statuses).toEqual(users.map(() => 201));
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('"msg":"stopped"');

    const restarted = await startServer(dataDir);
    try {
      for (const user of users) {
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
    expect(await platform.platform.projections.waitFor(head!, 60_000)).toBe(true);
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
