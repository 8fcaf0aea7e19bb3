import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface BareExpress {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 30000;

/**
 * Starts bareExpressApp.ts as its own child process, on the same Node and loader (`--import tsx`) as
 * `filora serve`, so that the baseline runs beside the server measured rather than inside the bench process.
 */
export async function startBareExpress(): Promise<BareExpress> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'bareExpressApp.ts')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bare Express did not start:\n${output}`)), START_TIMEOUT_MS);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /\{"port":(\d+)\}/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    void exited.then((code) => reject(new Error(`bare Express exited with ${code}:\n${output}`)));
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('bare Express has no pid');
  return {
    url: `http://127.0.0.1:${port}`,
    pid,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
