import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { WorkloadResult } from './appendWorkloads';
import type { WorkloadKey } from './peerWorkloads';

/** A workload's result, or why the process running it died. */
export type ChildOutcome = { result: WorkloadResult } | { crashed: string };

/** The first line of the error the child died of (Node prints the thrown value after the source line). */
function crashReason(stderr: string, code: number | null, signal: NodeJS.Signals | null): string {
  const line = stderr
    .split('\n')
    .map((text) => text.trim())
    .find((text) => /^(\[?Error|SQLITE_|\w+Error)/.test(text));
  return `${line ?? 'no error message'} (exit ${code ?? signal})`;
}

/**
 * Runs one workload against Emmett in a child process (see emmettChild.ts), with the settings this process
 * has; a child still running after `timeoutMs` (an append whose statement failed without a callback never
 * settles) is killed and reported as such.
 */
export function runEmmettInChild(key: WorkloadKey, path: string, timeoutMs: number): Promise<ChildOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'emmettChild.ts'), key, path], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) return resolve({ crashed: `hung: killed after ${timeoutMs / 1000} s without finishing` });
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code === 0 && last.startsWith('{')) resolve({ result: JSON.parse(last) as WorkloadResult });
      else resolve({ crashed: crashReason(stderr, code, signal) });
    });
  });
}
