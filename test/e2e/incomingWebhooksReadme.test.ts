import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, registerAndLogin } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

/**
 * The README's incoming webhooks example, run as a reader would paste it: the shell block after the marker,
 * with bash and curl, against a live platform. A .curlrc makes each curl end its answer with a newline and
 * write its status to stderr, so that the test can read every answer; nothing else is added to the block.
 */
jest.setTimeout(120_000);

const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
const MARKER = '<!-- incoming-webhooks-example:';

function exampleBlock(): string {
  const after = README.slice(README.indexOf(MARKER));
  const block = /```sh\n([\s\S]*?)\n```/.exec(after);
  if (!README.includes(MARKER) || !block) throw new Error('the README has no incoming webhooks example');
  return block[1]!;
}

/** The one-field JSON reader the README's first session defines, which the example uses. */
function fieldHelper(): string {
  const line = README.split('\n').find((candidate) => candidate.startsWith('field() {'));
  if (!line) throw new Error('the README defines no field() helper');
  return line;
}

interface Ran {
  code: number | null;
  /** One answer body per curl that printed one, in order. */
  answers: unknown[];
  /** "<status> <method> <url>" per curl, in order. */
  statuses: string[];
  stderr: string;
}

/** Runs `script` with bash in `dir`; `settleUrl` is called before each command, so reads see the writes before them. */
function runBash(script: string, dir: string, env: Record<string, string>): Promise<Ran> {
  writeFileSync(join(dir, '.curlrc'), 'write-out = "\\n%{stderr}%{http_code} %{method} %{url_effective}\\n"\n');
  const child = spawn('bash', ['-c', script], {
    cwd: dir,
    env: { PATH: process.env.PATH, CURL_HOME: dir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) =>
    child.once('close', (code) =>
      resolve({
        code,
        answers: stdout
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => JSON.parse(line) as unknown),
        statuses: stderr.split('\n').filter((line) => /^\d{3} /.test(line)),
        stderr,
      }),
    ),
  );
}

/** Answers once the read models have caught up with every event stored so far (the pause a reader takes between commands). */
async function startSettler(platform: TestPlatform): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) => {
    void (async () => {
      const head = await platform.platform.eventStore.headPosition();
      if (head !== null) await platform.platform.api.progress.waitFor(head, 10_000);
      response.end('settled');
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

interface HookAnswer {
  id: string;
  token: string;
  url: string;
}
interface CallAnswer {
  id: string;
  resource: string;
  result: string;
  call_id: string;
}
interface FileRow {
  id: string;
  name: string;
  mime_type: string;
  version: number;
  description: string | null;
  tags: string[];
}
interface LogRow {
  message_id: string | null;
  outcome: string;
  status: number;
  result_id: string | null;
  payload_excerpt: string;
}

describe('the README’s incoming webhooks example', () => {
  let platform: TestPlatform;
  let settler: { url: string; server: Server };
  let dir: string;
  beforeAll(async () => {
    platform = await startTestPlatform();
    settler = await startSettler(platform);
    dir = mkdtempSync(join(tmpdir(), 'filora-readme-incoming-'));
  });
  afterAll(async () => {
    await new Promise((resolve) => settler.server.close(resolve));
    await platform.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the folder and the hook, dry-runs it, turns a contact into a text file, updates it, and logs the calls', async () => {
    const session = await registerAndLogin(platform.url);
    const script = [
      'set -euo pipefail',
      fieldHelper(),
      `settle() { command curl -q -s "$SETTLE_URL" > /dev/null; }`,
      'trap settle DEBUG',
      exampleBlock(),
    ].join('\n');

    const ran = await runBash(script, dir, {
      BASE: `${platform.url}/api/v1`,
      AUTH: `authorization: Bearer ${session.token}`,
      SETTLE_URL: settler.url,
    });

    expect({ code: ran.code, stderr: ran.code === 0 ? '' : ran.stderr }).toEqual({ code: 0, stderr: '' });
    const receive = /\/api\/v1\/webhooks\/incoming\/fwh_\S+$/;
    expect(ran.statuses.map((line) => line.split(' ').slice(0, 2).join(' '))).toEqual([
      '201 POST',
      '201 POST',
      '200 POST',
      '200 POST',
      '201 POST',
      '201 POST',
      '200 POST',
      '200 GET',
      '200 GET',
    ]);
    expect(ran.statuses.slice(4, 7).every((line) => receive.test(line))).toBe(true);

    const hook = JSON.parse(readFileSync(join(dir, 'hook.json'), 'utf8')) as HookAnswer;
    expect(hook.token).toMatch(/^fwh_/);
    expect(hook.url).toBe(`${platform.url}/api/v1/webhooks/incoming/${hook.token}`);

    const [validRun, invalidRun, created, replayed, updated, listed, logs] = ran.answers as [
      { valid: boolean; command: unknown; plan: { branch: string; target_id: string | null } },
      { valid: boolean; errors: { path: string; message: string }[] },
      CallAnswer,
      CallAnswer,
      CallAnswer,
      { data: FileRow[] },
      { data: LogRow[] },
    ];
    expect(ran.answers).toHaveLength(7);
    expect(validRun).toMatchObject({ valid: true, plan: { branch: 'create', target_id: null } });
    expect(JSON.stringify(validRun.command)).toContain('ada@example.com.txt');
    expect(invalidRun.valid).toBe(false);
    expect(invalidRun.errors.some((error) => error.path.includes('contact.email'))).toBe(true);
    expect(created).toMatchObject({ resource: 'file', result: 'created' });
    expect(replayed).toEqual(created);
    expect(updated).toMatchObject({ id: created.id, resource: 'file', result: 'updated' });

    expect(listed.data).toEqual([
      expect.objectContaining({
        id: created.id,
        name: 'ada@example.com.txt',
        mime_type: 'text/plain',
        version: 2,
        description: 'Analytical Engines',
        tags: ['contact', 'web-form'],
      }),
    ]);
    const content = await fetch(`${platform.url}/api/v1/files/${created.id}/download`, {
      headers: { authorization: `Bearer ${session.token}` },
    });
    expect(await content.text()).toBe('Name: Ada Lovelace\nEmail: ada@example.com\n\nMonday works too.\n');

    expect(logs.data.map((row) => [row.message_id, row.outcome, row.status, row.result_id])).toEqual([
      ['form-4712', 'succeeded', 200, created.id],
      ['form-4711', 'succeeded', 201, created.id],
    ]);
    expect(logs.data[1]!.payload_excerpt).toContain('Analytical Engines');

    const stranger = await registerAndLogin(platform.url);
    const strangers = await call(platform.url, 'GET', `/api/v1/incoming-webhooks/${hook.id}/logs`, { token: stranger.token });
    expect(strangers.status).toBe(404);
  });
});
