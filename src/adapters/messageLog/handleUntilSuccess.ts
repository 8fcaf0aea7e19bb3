import type { Logger } from '../../ports/logger';
import type { ConsumedMessage } from '../../ports/messageLog';
import { abortableSleep } from '../../shared/abortableSleep';

export interface BackoffOptions {
  /** Wait after the first failure; it doubles with every further failure. */
  initialMs: number;
  /** Upper bound of a single wait. */
  maxMs: number;
}

export const DEFAULT_HANDLER_BACKOFF: BackoffOptions = { initialMs: 200, maxMs: 30_000 };

export function backoffDelayMs(failures: number, backoff: BackoffOptions): number {
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(failures - 1, 30));
}

export interface HandleOptions {
  backoff: BackoffOptions;
  /** Aborted when the consumer stops: no further attempt is made and the message stays uncommitted. */
  signal: AbortSignal;
  logger: Logger;
  /** Called between slices of a backoff wait (Kafka: the group heartbeat); if it throws, so does this. */
  keepAlive?: () => Promise<void>;
  keepAliveEveryMs?: number;
}

/**
 * Calls the handler until it resolves, waiting with capped exponential backoff between failures: a message is
 * never skipped, and the caller's later messages of the partition wait behind it. Returns false when the signal
 * aborted before a success, true once the handler succeeded.
 */
export async function handleUntilSuccess(
  handler: (message: ConsumedMessage) => Promise<void>,
  message: ConsumedMessage,
  options: HandleOptions,
): Promise<boolean> {
  for (let failures = 1; ; failures++) {
    if (options.signal.aborted) return false;
    try {
      await handler(message);
      return true;
    } catch (error) {
      const delayMs = backoffDelayMs(failures, options.backoff);
      options.logger.warn('message handler failed, retrying', {
        topic: message.topic,
        partition: message.partition,
        offset: message.offset,
        failures,
        delayMs,
        error,
      });
      await waitKeepingAlive(delayMs, options);
    }
  }
}

async function waitKeepingAlive(delayMs: number, options: HandleOptions): Promise<void> {
  const slice = options.keepAlive ? (options.keepAliveEveryMs ?? 1000) : delayMs;
  for (let remaining = delayMs; remaining > 0 && !options.signal.aborted; remaining -= slice) {
    await abortableSleep(Math.min(slice, remaining), options.signal);
    if (options.keepAlive && !options.signal.aborted) await options.keepAlive();
  }
}
