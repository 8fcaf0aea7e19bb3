import { spawn } from 'node:child_process';
import { closeSync, fstatSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { TEST_ENV } from '../../test/support/testPlatform';
import { registerAndLogin } from '../../test/support/http';
import type { BenchServer, BenchUser } from './benchServer';
import { call } from '../../test/support/http';

const ROOT = join(__dirname, '..', '..');
const START_TIMEOUT_MS = 10 * 60 * 1000;
const STOP_TIMEOUT_MS = 15000;
const POLL_MS = 100;
/** Far above what 50 connections can send in a minute: the benchmarks measure the routes, not the limiter. */
const NO_RATE_LIMIT = '1000000000';

/** The port logged in `logPath` after its first `from` bytes (what earlier servers on the same log wrote). */
async function listeningPort(logPath: string, from: number, exited: () => number | null | undefined): Promise<number> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const log = (await readFile(logPath)).subarray(from).toString('utf8');
    const match = /"msg":"listening","port":(\d+)/.exec(log);
    if (match) return Number(match[1]);
    const code = exited();
    if (code !== undefined) throw new Error(`the server exited with ${code}:\n${log.slice(-4000)}`);
    if (Date.now() > deadline) throw new Error(`the server did not start within ${START_TIMEOUT_MS} ms:\n${log.slice(-4000)}`);
    await sleep(POLL_MS);
  }
}

/**
 * A real `filora serve` child process for load tests: production durability (synchronous FULL), the
 * default log level (info, one access-log line per request), rate limits counted but never enforced, and
 * its output going to `logPath` rather than through a pipe into the bench process, which runs the load
 * generator and must not spend its CPU collecting hundreds of thousands of log lines.
 */
export async function startLoadServer(
  dataDir: string,
  logPath: string,
  user?: BenchUser,
  env: Record<string, string> = {},
): Promise<BenchServer> {
  const fd = openSync(logPath, 'a');
  const logged = fstatSync(fd).size;
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'main.ts'), 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...TEST_ENV,
      FILORA_LOG_LEVEL: 'info',
      FILORA_SQLITE_SYNCHRONOUS: 'FULL',
      FILORA_RATE_LIMIT_MODE: 'report',
      FILORA_RATE_LIMIT_ANONYMOUS_PER_MINUTE: NO_RATE_LIMIT,
      FILORA_DATA_DIR: dataDir,
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exitCode = code;
      resolve();
    }),
  );
  const stop = async () => {
    if (exitCode !== undefined) return;
    const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.kill('SIGTERM');
    await exited;
    clearTimeout(killer);
  };
  try {
    const pid = child.pid;
    if (pid === undefined) throw new Error('the server child process has no pid');
    const url = `http://127.0.0.1:${await listeningPort(logPath, logged, () => exitCode)}`;
    const session = user ? { user, token: await logIn(url, user) } : await registerAndLogin(url);
    const { username, password } = session.user;
    return { url, pid, user: { username, password }, token: session.token, output: () => `(see ${logPath})`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function logIn(url: string, user: BenchUser): Promise<string> {
  const login = await call<{ access_token: string }>(url, 'POST', '/api/v1/auth/login', { body: user });
  if (login.status !== 200) throw new Error(`login of ${user.username} answered ${login.status}`);
  return login.body.access_token;
}
