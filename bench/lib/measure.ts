/** Milliseconds taken by fn, measured with the monotonic high-resolution clock. */
export async function timeMs(fn: () => Promise<void> | void): Promise<number> {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export const MIB = 1024 * 1024;

export function mibPerSecond(bytes: number, ms: number): number {
  return bytes / MIB / (ms / 1000);
}

export function perSecond(count: number, ms: number): number {
  return count / (ms / 1000);
}

/** "lowest–highest" of a set of rates, for a note beside their median. */
export function spread(rates: readonly number[]): string {
  const digits = Math.min(...rates) >= 100 ? 0 : 1;
  return `${Math.min(...rates).toFixed(digits)}–${Math.max(...rates).toFixed(digits)}`;
}
