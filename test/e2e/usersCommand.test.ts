import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, registerAndLogin } from '../support/http';
import { runFilora } from '../support/serverProcess';
import { startTestPlatform } from '../support/testPlatform';

// Each case runs filora as a child process: under a loaded machine one start alone can take 45 s.
jest.setTimeout(120_000);

/** `filora users plan|grant|revoke …` as an operator runs it: a child process on the data dir. */

let dataDir: string;
let user: { username: string; password: string };

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'filora-users-'));
  const platform = await startTestPlatform({}, dataDir);
  ({ user } = await registerAndLogin(platform.url));
  await platform.close(true);
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Its exit code, and what it wrote: all of it (stdout and stderr), and stderr alone. */
async function filoraUsers(...args: string[]) {
  return filoraUsersIn(dataDir, ...args);
}

async function filoraUsersIn(directory: string, ...args: string[]) {
  const run = runFilora('users', { FILORA_DATA_DIR: directory, FILORA_LOG_LEVEL: 'warn' }, args);
  const code = await run.exited;
  return { code, output: run.output().trim(), stderr: run.errors().trim() };
}

/** GET /users/me of the user, from a server started on the data dir once the commands have run. */
async function usersMe(): Promise<Record<string, unknown>> {
  const platform = await startTestPlatform({}, dataDir);
  try {
    const login = await call<{ access_token: string }>(platform.url, 'POST', '/api/v1/auth/login', {
      body: { username: user.username, password: user.password },
    });
    // The read model catches up with the events written while the server was stopped.
    const head = await platform.platform.api.eventStore.headPosition();
    const me = await call(platform.url, 'GET', `/api/v1/users/me?after_position=${head}`, { token: login.body.access_token });
    return me.body;
  } finally {
    await platform.close(true);
  }
}

describe('filora users plan', () => {
  it('puts a user on a plan, which GET /users/me then shows with its limits', async () => {
    expect(await filoraUsers('plan', user.username, 'professional')).toEqual({
      code: 0,
      output: `${user.username} is now on the professional plan (was basic, the default)`,
      stderr: '',
    });
    expect(await filoraUsers('plan', user.username.toUpperCase(), 'professional')).toEqual({
      code: 0,
      output: `${user.username.toUpperCase()} is already on the professional plan`,
      stderr: '',
    });

    expect(await usersMe()).toMatchObject({ username: user.username, plan: 'professional', limits: { per_minute: 300, per_day: 100_000 } });
  });

  it('says so on stderr, naming the data directory, and exits 1 for a username no one has', async () => {
    const message = `no user is named nobody_here in the database of ${dataDir} (FILORA_DATA_DIR)`;
    expect(await filoraUsers('plan', 'nobody_here', 'basic')).toEqual({ code: 1, output: message, stderr: message });
  });

  it('refuses a data directory without a database, naming it, and creates nothing there', async () => {
    const missing = join(dataDir, 'not-the-servers');
    const message = `there is no Filora database in ${missing} (FILORA_DATA_DIR): run this command with the data directory of the server; nothing was created`;
    expect(await filoraUsersIn(missing, 'plan', user.username, 'professional')).toEqual({ code: 1, output: message, stderr: message });
    expect(existsSync(missing)).toBe(false);

    mkdirSync(missing);
    expect(await filoraUsersIn(missing, 'plan', user.username, 'professional')).toEqual({ code: 1, output: message, stderr: message });
    expect(readdirSync(missing)).toEqual([]);
  });
});

describe('filora users grant|revoke', () => {
  it('grants and revokes a role, saying when nothing changed, and GET /users/me shows the roles', async () => {
    const { username } = user;
    expect(await filoraUsers('grant', username, 'auditor')).toMatchObject({
      code: 0,
      output: `${username} now holds the auditor role (roles: auditor)`,
    });
    expect(await filoraUsers('grant', username, 'auditor')).toMatchObject({
      code: 0,
      output: `${username} already holds the auditor role (roles: auditor)`,
    });
    expect(await filoraUsers('revoke', username, 'admin')).toMatchObject({
      code: 0,
      output: `${username} does not hold the admin role (roles: auditor)`,
    });
    expect(await usersMe()).toMatchObject({ roles: ['auditor'] });

    expect(await filoraUsers('revoke', username, 'auditor')).toEqual({
      code: 0,
      output: `${username} no longer holds the auditor role (roles: none)`,
      stderr: '',
    });
    expect(await usersMe()).toMatchObject({ roles: [] });
  }, 180_000); // four filora runs and two server starts, on a loaded machine

  it('exits 1 for a username no one has', async () => {
    const message = `no user is named nobody_here in the database of ${dataDir} (FILORA_DATA_DIR)`;
    expect(await filoraUsers('grant', 'nobody_here', 'auditor')).toEqual({ code: 1, output: message, stderr: message });
  });
});

describe('filora users usage', () => {
  const usage = [
    'usage: filora users plan <username> basic|professional|enterprise',
    '       filora users grant <username> admin|auditor',
    '       filora users revoke <username> admin|auditor',
  ].join('\n');

  it.each([
    [['plan', 'someone', 'gold']],
    [['plan', 'someone']],
    [['rename', 'someone', 'basic']],
    [['grant', 'someone', 'owner']],
    [['revoke', 'someone']],
    [['toString', 'someone', 'auditor']],
  ])('exits 2 with its usage on stderr for %j', async (args) => {
    expect(await filoraUsers(...args)).toEqual({ code: 2, output: usage, stderr: usage });
  });
});
