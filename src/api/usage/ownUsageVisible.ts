import type { Response } from 'express';
import type { Position } from '../../ports/eventStore';
import type { ProjectionProgress } from '../../projections/projectionProgress';
import type { UsageLog } from './usageRecorder';

const TIMED_OUT = Symbol('timed out');

async function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Read-your-writes for usage reads: appends the usage records this process still holds (every request it
 * finished before this one) and waits, within `maxWaitMs` for each step, until the read models hold them.
 * A store that does not take them in time is not an error: the answer is marked `X-Filora-Stale: true`.
 * Requests served by another API process show once it flushes (within a second) and the projections follow.
 */
export async function makeOwnUsageVisible(usage: UsageLog, progress: ProjectionProgress, maxWaitMs: number, res: Response): Promise<void> {
  let position: Position | null | typeof TIMED_OUT;
  try {
    position = await within(usage.flush(), maxWaitMs);
  } catch {
    position = TIMED_OUT;
  }
  const visible = position !== TIMED_OUT && (position === null || (await progress.waitFor(position, maxWaitMs)));
  if (!visible) res.set('X-Filora-Stale', 'true');
}
