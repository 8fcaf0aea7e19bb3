import { ProgressBar } from '../../src/cli/progressBar';
import { MIB } from './measure';

/** One line of progress on stderr, so that stdout stays clean. */
export function step(message: string): void {
  process.stderr.write(`  ${message}\n`);
}

/** Reports bytes moved, in MiB, on the shared progress bar. */
export function byteProgress(label: string, totalBytes: number): (doneBytes: number) => void {
  const bar = new ProgressBar();
  const totalMib = Math.ceil(totalBytes / MIB);
  return (doneBytes) => bar.update(label, Math.floor(doneBytes / MIB), totalMib);
}
