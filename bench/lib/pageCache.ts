import { writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';

/**
 * Writes dirty pages back and drops the page cache, so the next read comes from the disk.
 * Needs root and a writable /proc/sys; answers false when that is not possible.
 */
export async function dropPageCache(): Promise<boolean> {
  if (process.env.FILORA_BENCH_DROP_CACHES === '0') return false;
  try {
    execFileSync('sync');
    await writeFile('/proc/sys/vm/drop_caches', '3\n');
    return true;
  } catch {
    return false;
  }
}
