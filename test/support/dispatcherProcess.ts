import type { ChildProcess } from 'node:child_process';
import { runFilora } from './serverProcess';

export interface DispatcherProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Long enough for a start on a loaded 2-core machine. */
const START_TIMEOUT_MS = 45_000;

/** Starts `filora dispatcher` on a data dir (or the stores `env` names) and resolves once it has started. */
export async function startDispatcher(env: Record<string, string>): Promise<DispatcherProcess> {
  const run = runFilora('dispatcher', env);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      run.child.kill('SIGKILL');
      reject(new Error(`dispatcher did not start:\n${run.output()}`));
    }, START_TIMEOUT_MS);
    const check = () => {
      if (!run.output().includes('"msg":"webhook dispatcher started"')) return;
      clearTimeout(timer);
      resolve();
    };
    run.child.stdout?.on('data', check);
    void run.exited.then((code) => reject(new Error(`dispatcher exited with ${code}:\n${run.output()}`)));
  });
  return { child: run.child, output: run.output, exited: run.exited };
}
