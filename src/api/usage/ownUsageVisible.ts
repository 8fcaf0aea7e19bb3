import type { Response } from 'express';
import type { Position } from '../../ports/eventStore';
import type { ProjectionProgress } from '../../projections/projectionProgress';
import type { UsageLog } from './usageRecorder';
import type { UsageSubject } from './usageSubject';

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
 * Read-your-writes for usage reads: makes the usage records of `subject` that this process took before
 * this request appended (an append only when it still holds one: a client polling its token list does not
 * append its previous poll, a session's request, each time) and waits, within `maxWaitMs` for each step,
 * until the read models hold the last append that carried one, when they do not yet. A store that does
 * not take them in time is not an error: the answer is marked `X-Filora-Stale: true`. Requests served by
 * another API process show once it flushes (within a second) and the projections follow.
 */
export async function makeOwnUsageVisible(
  usage: UsageLog,
  subject: UsageSubject,
  progress: ProjectionProgress,
  maxWaitMs: number,
  res: Response,
): Promise<void> {
  let position: Position | null | typeof TIMED_OUT;
  try {
    position = await within(usage.flushFor(subject), maxWaitMs);
  } catch {
    position = TIMED_OUT;
  }
  const visible = position !== TIMED_OUT && (position === null || (await progress.waitFor(position, maxWaitMs)));
  if (!visible) res.set('X-Filora-Stale', 'true');
}
