import type { Position } from '../../ports/eventStore';
import type { HorizonWatch } from '../../sync/feedTypes';

/** How long a wait trusts the horizons' notifications alone before it reads them again. */
const RECHECK_MS = 250;

export class StoppedWaiting extends Error {
  override readonly name = 'StoppedWaiting';
  constructor() {
    super('stopped while waiting for the read models');
  }
}

/**
 * Resolves once every horizon (a projection's checkpoint) has reached `position`: the read models the
 * fan-out decides with (who sees an event, which webhooks exist) are then final for that event.
 * Rejects with StoppedWaiting when `signal` aborts first.
 */
export async function waitUntilCovered(horizons: readonly HorizonWatch[], position: Position, signal: AbortSignal): Promise<void> {
  for (;;) {
    if (signal.aborted) throw new StoppedWaiting();
    const reached = await Promise.all(horizons.map((horizon) => horizon.current()));
    if (reached.every((checkpoint) => checkpoint !== null && checkpoint >= position)) return;
    await nextAdvance(horizons, signal);
  }
}

/** Resolves when one of the horizons may have moved, after RECHECK_MS at the latest, or when `signal` aborts. */
function nextAdvance(horizons: readonly HorizonWatch[], signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    let stops: (() => void)[] = [];
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      for (const stop of stops) stop();
      resolve();
    };
    const timer = setTimeout(done, RECHECK_MS);
    signal.addEventListener('abort', done, { once: true });
    stops = horizons.map((horizon) => horizon.onAdvance(done));
    if (settled) for (const stop of stops) stop();
  });
}
