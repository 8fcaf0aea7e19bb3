import type { EventStore, Position } from '../ports/eventStore';
import type { Logger } from '../ports/logger';
import { WakeSignal } from '../shared/wakeSignal';
import type { FeedAudience, HorizonWatch } from './feedTypes';
import { feedTypeOf } from './feedItem';

/** A registered long-poll: `ready` once events past the horizon of now will wake it; `woken` true on a wake, false at the timeout. */
export interface FeedWaiter {
  ready: Promise<void>;
  until(timeoutMs: number): Promise<boolean>;
  cancel(): void;
}

export interface FeedWakeupsOptions {
  maxWaiters: number;
  readBatch: number;
  retryDelayMs: number;
}

export const DEFAULT_FEED_WAKEUPS_OPTIONS: FeedWakeupsOptions = { maxWaiters: 2000, readBatch: 500, retryDelayMs: 1000 };

/**
 * Long-poll waiters by user. While any wait, one loop follows the log below the horizon from where it
 * stood when the first registered, works out each batch's audience once, and wakes the waiters of every
 * user an event reaches. A caller registers before it checks the feed: what its check cannot see yet
 * (past the horizon it read) is past where this loop stood, so it is woken for it.
 */
export class FeedWakeups {
  private readonly waiters = new Map<string, Set<(woken: boolean) => void>>();
  private count = 0;
  private tail: Position | null = null;
  private started: Promise<void> | null = null;
  private readonly signal = new WakeSignal();

  constructor(
    private readonly eventStore: EventStore,
    private readonly horizon: HorizonWatch,
    private readonly audience: FeedAudience,
    private readonly logger: Logger,
    private readonly options: FeedWakeupsOptions = DEFAULT_FEED_WAKEUPS_OPTIONS,
  ) {}

  get size(): number {
    return this.count;
  }

  /** Registers a waiter for the user, or answers null when maxWaiters already wait. */
  register(userId: string): FeedWaiter | null {
    if (this.count >= this.options.maxWaiters) return null;
    let settle: (woken: boolean) => void = () => undefined;
    const woken = new Promise<boolean>((resolve) => (settle = resolve));
    const userWaiters = this.waiters.get(userId) ?? new Set();
    let timer: NodeJS.Timeout | undefined;
    const finish = (result: boolean): void => {
      if (!userWaiters.delete(finish)) return;
      this.count--;
      if (userWaiters.size === 0) this.waiters.delete(userId);
      clearTimeout(timer);
      settle(result);
      // The last waiter gone: the loop stops following the horizon until the next one registers.
      if (this.count === 0) this.signal.wake();
    };
    userWaiters.add(finish);
    this.waiters.set(userId, userWaiters);
    this.count++;
    this.started ??= this.start();
    return {
      ready: this.started,
      until: (timeoutMs) => {
        timer = setTimeout(() => finish(false), timeoutMs);
        return woken;
      },
      cancel: () => finish(false),
    };
  }

  /** Answers every waiter `false` (shutdown). */
  close(): void {
    for (const userWaiters of [...this.waiters.values()]) for (const finish of [...userWaiters]) finish(false);
    this.signal.wake();
  }

  private async start(): Promise<void> {
    this.tail = await this.horizon.current();
    const stopWatching = this.horizon.onAdvance(() => this.signal.wake());
    void this.follow().finally(stopWatching);
  }

  private async follow(): Promise<void> {
    while (this.count > 0) {
      try {
        if (!(await this.wakeNextBatch())) await this.signal.wait();
      } catch (error) {
        this.logger.error('long-poll wake-ups failed to read the log; retrying', { error, position: this.tail });
        await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs));
      }
    }
    // Nobody waits: the next waiter starts again from the horizon of its time.
    this.started = null;
  }

  /** Wakes the users the next batch below the horizon reaches; answers whether it read anything. */
  private async wakeNextBatch(): Promise<boolean> {
    const horizon = await this.horizon.current();
    if (horizon === null || (this.tail !== null && horizon <= this.tail)) return false;
    const read = await this.eventStore.readAll({ after: this.tail, limit: this.options.readBatch });
    const batch = read.filter((event) => event.position <= horizon);
    if (batch.length === 0) return false;
    const shown = batch.filter((event) => feedTypeOf(event) !== null);
    const reached = shown.length === 0 ? new Map<string, ReadonlySet<string>>() : await this.audience.of(shown);
    for (const users of reached.values())
      for (const userId of users) for (const finish of [...(this.waiters.get(userId) ?? [])]) finish(true);
    this.tail = batch[batch.length - 1]!.position;
    return true;
  }
}
