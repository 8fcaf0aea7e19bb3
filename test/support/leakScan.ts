import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under `dir`, recursively: the SQLite file, its WAL and shared memory, blobs, the secrets kept there. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Captures what the process writes to stdout (the JSON log lines) from this suite's start to its end. Call it at
 * the top of a test file: the logger's stdout writer is bound when the first platform starts.
 */
export function captureStdout(): string[] {
  const written: string[] = [];
  let stdout: jest.SpyInstance | undefined;
  beforeAll(() => {
    stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    });
  });
  afterAll(() => stdout?.mockRestore());
  return written;
}
