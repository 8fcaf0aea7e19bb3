import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFilora } from '../support/serverProcess';

jest.setTimeout(60_000);

let blocker: Server;
let port: number;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'filora-busy-port-'));
  blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const address = blocker.address();
  port = typeof address === 'object' && address ? address.port : 0;
});
afterAll(async () => {
  await new Promise((resolve) => blocker.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('serve on a port that is taken', () => {
  it('exits non-zero with a log line naming the port, without claiming to listen', async () => {
    const run = runFilora('serve', { FILORA_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' });
    // A server that stays up never exits: stop it once the test has seen enough, so the failure is readable.
    const stillRunning = setTimeout(() => run.child.kill('SIGKILL'), 30_000);
    const code = await run.exited;
    clearTimeout(stillRunning);
    expect({ code, output: run.output() }).toEqual({ code: expect.any(Number), output: expect.any(String) });
    expect(code).not.toBe(0);
    expect(run.output()).not.toContain('"msg":"listening"');
    const lines = run
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual(expect.objectContaining({ level: 'error', port, msg: expect.stringContaining(String(port)) }));
  });
});
