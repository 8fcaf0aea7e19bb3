import { START, excludeSystemEvents } from '@eventstore/db-client';
import type { AllStreamResolvedEvent, EventStoreDBClient } from '@eventstore/db-client';
import type { Position } from '../../ports/eventStore';
import type { Logger } from '../../ports/logger';
import { abortableSleep } from '../../shared/abortableSleep';
import { formatEsdbPosition, isFiloraEvent, parseEsdbPosition, toRecordedEvent } from './esdbMapping';
import type { EventSource } from './sequentialSubscriptions';

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 15_000;

/**
 * $all after `after` through a catch-up subscription. The client does not resubscribe by itself, so when the
 * subscription fails or ends this does, from the last event it yielded, with exponential backoff.
 */
export function esdbLiveSource(client: EventStoreDBClient, after: Position | null, logger?: Logger): EventSource {
  return async function* (signal) {
    let checkpoint = after;
    let failures = 0;
    while (!signal.aborted) {
      const subscription = client.subscribeToAll({
        fromPosition: checkpoint === null ? START : parseEsdbPosition(checkpoint),
        filter: excludeSystemEvents(),
      });
      // An error emitted after iteration stopped must not become an uncaught exception.
      subscription.on('error', () => undefined);
      let stopped: Promise<void> | undefined;
      const stop = (): Promise<void> => {
        stopped ??= subscription.unsubscribe().finally(() => subscription.destroy());
        return stopped;
      };
      const stopOnAbort = (): void => void stop();
      signal.addEventListener('abort', stopOnAbort, { once: true });
      const iterator = subscription[Symbol.asyncIterator]();
      try {
        for (;;) {
          let next: IteratorResult<AllStreamResolvedEvent>;
          try {
            next = await iterator.next();
          } catch (error) {
            if (signal.aborted) return;
            logger?.warn('eventstoredb subscription failed; resubscribing', { error, checkpoint, failures });
            break;
          }
          if (next.done) break;
          const event = next.value.event;
          if (!event || !isFiloraEvent(event)) continue;
          // Resubscribing may repeat the event at the checkpoint; never deliver anything twice.
          if (checkpoint !== null && formatEsdbPosition(event.position) <= checkpoint) continue;
          failures = 0;
          const recorded = toRecordedEvent(event);
          yield recorded;
          checkpoint = recorded.position;
        }
      } finally {
        signal.removeEventListener('abort', stopOnAbort);
        await stop();
      }
      if (signal.aborted) return;
      await abortableSleep(Math.min(FIRST_RETRY_MS * 2 ** failures, MAX_RETRY_MS), signal);
      failures += 1;
    }
  };
}
