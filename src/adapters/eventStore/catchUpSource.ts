import type { Position, ReadAllOptions, RecordedEvent } from '../../ports/eventStore';
import type { AppendNotifier } from './appendNotifier';
import type { EventSource } from './sequentialSubscriptions';

export interface CatchUpSourceOptions {
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  appended: AppendNotifier;
  /** Also re-read this often, for appends the notifier cannot see (another process on the same file). */
  pollIntervalMs?: number;
  pageSize?: number;
}

/** Pages through readAll from `after`, then waits for the next append (or poll tick) and continues. */
export function catchUpSource(after: Position | null, options: CatchUpSourceOptions): EventSource {
  const pageSize = options.pageSize ?? 256;
  return async function* (signal) {
    let cursor = after;
    while (!signal.aborted) {
      const seen = options.appended.current;
      const page = await options.readAll({ after: cursor, limit: pageSize });
      for (const event of page) {
        yield event;
        cursor = event.position;
        if (signal.aborted) return;
      }
      if (page.length < pageSize) await options.appended.wait(seen, signal, options.pollIntervalMs);
    }
  };
}
