import { AsyncLocalStorage } from 'node:async_hooks';
import type { RecordedEvent, SubscribeOptions, Subscription } from '../../ports/eventStore';

/** The events after a subscription's start, in order; it must stop soon after the signal aborts. */
export type EventSource = (signal: AbortSignal) => AsyncIterable<RecordedEvent>;

export type EventHandler = (event: RecordedEvent) => Promise<void> | void;

// Lets close() tell whether it is called from inside a handler, where waiting for that handler would deadlock.
const runningHandler = new AsyncLocalStorage<AbortController>();

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

/**
 * Runs subscriptions that await each handler call before taking the next event. A handler or source error
 * stops the subscription and is reported through onError. close() resolves once the in-flight handler is done.
 */
export class SequentialSubscriptions {
  private readonly running = new Map<AbortController, Promise<void>>();

  start(source: EventSource, handler: EventHandler, options: SubscribeOptions = {}): Subscription {
    const controller = new AbortController();
    const done = this.run(source, handler, options, controller).finally(() => this.running.delete(controller));
    this.running.set(controller, done);
    return { close: () => this.stop(controller, done) };
  }

  /** Stops every subscription started here. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.running].map(([controller, done]) => this.stop(controller, done)));
  }

  private async stop(controller: AbortController, done: Promise<void>): Promise<void> {
    controller.abort();
    if (runningHandler.getStore() === controller) return;
    await done;
  }

  private async run(source: EventSource, handler: EventHandler, options: SubscribeOptions, controller: AbortController): Promise<void> {
    const { signal } = controller;
    try {
      for await (const event of source(signal)) {
        if (signal.aborted) break;
        await runningHandler.run(controller, () => handler(event));
        if (signal.aborted) break;
      }
    } catch (error) {
      if (signal.aborted) return;
      controller.abort();
      options.onError?.(asError(error));
    }
  }
}
