import type { EventToAppend } from '../../src/ports/eventStore';
import type { AppendTarget } from './appendTarget';
import { timeMs } from './measure';

export interface WorkloadResult {
  /** Appends written. */
  appended: number;
  /** Appends refused by the expected-revision check (each retried after re-reading the stream). */
  conflicts: number;
  /** Appends refused because the database was busy (each retried as it was). */
  busy: number;
  ms: number;
  /** True when the deadline came before every append was written. */
  timedOut: boolean;
}

interface Tally {
  appended: number;
  conflicts: number;
  busy: number;
}

const newTally = (): Tally => ({ appended: 0, conflicts: 0, busy: 0 });

async function timed(run: (tally: Tally) => Promise<void>, wanted: number): Promise<WorkloadResult> {
  const tally = newTally();
  const ms = await timeMs(() => run(tally));
  return { ...tally, ms, timedOut: tally.appended < wanted };
}

/** Appends `event` to `stream` holding `before` events, retrying while the database is busy; a conflict is a bug here. */
async function appendOwn(target: AppendTarget, stream: string, event: EventToAppend, before: number, tally: Tally): Promise<void> {
  for (;;) {
    const outcome = await target.append(stream, event, before);
    if (outcome === 'appended') return void tally.appended++;
    if (outcome === 'conflict') throw new Error(`${target.name}: unexpected conflict on ${stream}, which only one appender writes`);
    tally.busy++;
  }
}

/** (a) One append after another, each awaited, each to a new stream. */
export function sequentialAppends(target: AppendTarget, events: readonly EventToAppend[]): Promise<WorkloadResult> {
  return timed(async (tally) => {
    for (const [index, event] of events.entries()) await appendOwn(target, `seq-${index}`, event, 0, tally);
  }, events.length);
}

/** (b) `appenders` async loops, each appending its share of the events to its own stream, one awaited append at a time. */
export function distinctStreamAppends(target: AppendTarget, events: readonly EventToAppend[], appenders: number): Promise<WorkloadResult> {
  return timed(async (tally) => {
    const loop = async (appender: number): Promise<void> => {
      let before = 0;
      for (let index = appender; index < events.length; index += appenders) {
        await appendOwn(target, `own-${appender}`, events[index]!, before, tally);
        before++;
      }
    };
    await Promise.all(Array.from({ length: appenders }, (_, appender) => loop(appender)));
  }, events.length);
}

/**
 * (c) `appenders` async loops appending to one stream, each expecting the revision last seen by any of them;
 * a conflict re-reads the stream's new events through the store and retries the same event. Stops after
 * `wanted` appends or at the deadline, whichever comes first.
 */
export function hotStreamAppends(
  target: AppendTarget,
  events: readonly EventToAppend[],
  appenders: number,
  wanted: number,
  deadlineMs: number,
): Promise<WorkloadResult> {
  return timed(async (tally) => {
    const deadline = Date.now() + deadlineMs;
    let known = 0;
    let next = 0;
    const loop = async (): Promise<void> => {
      let event: EventToAppend | undefined;
      while (tally.appended < wanted && Date.now() < deadline) {
        event ??= events[next++];
        if (!event) throw new Error('hot stream: ran out of events');
        const before = known;
        const outcome = await target.append('hot', event, before);
        if (outcome === 'appended') {
          tally.appended++;
          known = Math.max(known, before + 1);
          event = undefined;
        } else if (outcome === 'conflict') {
          tally.conflicts++;
          known = Math.max(known, await target.length('hot', before));
        } else tally.busy++;
      }
    };
    await Promise.all(Array.from({ length: appenders }, loop));
  }, wanted);
}
