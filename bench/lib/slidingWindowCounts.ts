/**
 * The most of `times` (ms, any order) that fall within one window of `windowMs`, wherever the window
 * starts: a window `[t, t + windowMs)` holding the most always starts at one of the times.
 */
export function mostInAnyWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let end = 0;
  for (let start = 0; start < sorted.length; start++) {
    while (end < sorted.length && sorted[end]! < sorted[start]! + windowMs) end++;
    most = Math.max(most, end - start);
  }
  return most;
}
