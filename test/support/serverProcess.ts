import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { TEST_ENV } from './testPlatform';

const ROOT = join(__dirname, '..', '..');

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Runs `filora <command> [...args]` as a real child process, as an operator would. */
export function runFilora(
  command: string,
  env: Record<string, string>,
  args: readonly string[] = [],
): { child: ChildProcess; output: () => string; errors: () => string; standardOutput: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'main.ts'), command, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...TEST_ENV, FILORA_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  let standardOutput = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    standardOutput += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    errors += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, errors: () => errors, standardOutput: () => standardOutput, exited };
}

/** Long enough for a start on a loaded 2-core machine (several suites each starting servers at once). */
const START_TIMEOUT_MS = 45_000;

/** Starts `filora serve` (or another role that serves HTTP) and resolves once it logs the port it listens on. */
export async function startServer(
  dataDir: string,
  env: Record<string, string> = {},
  role: 'serve' | 'api' = 'serve',
): Promise<ServerProcess> {
  const run = runFilora(role, { FILORA_DATA_DIR: dataDir, PORT: '0', ...env });
  const port = await new Promise<number>((resolve, reject) => {
    // A server that does not start in time is killed, so that a failed start leaves no process behind.
    const timer = setTimeout(() => {
      run.child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${run.output()}`));
    }, START_TIMEOUT_MS);
    const check = () => {
      const match = /"msg":"listening","port":(\d+)/.exec(run.output());
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    run.child.stdout?.on('data', check);
    void run.exited.then((code) => reject(new Error(`server exited with ${code}:\n${run.output()}`)));
  });
  return { ...run, url: `http://127.0.0.1:${port}` };
}
