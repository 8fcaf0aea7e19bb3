import { setImmediate as nextTurn } from 'node:timers/promises';
import type { EventStore, Position, RecordedEvent } from '../ports/eventStore';
import { WakeSignal } from '../shared/wakeSignal';
import { comparePositions, groupByPosition } from './positionGroups';
import type { ProjectionRunner } from './projectionRunner';

export type AppliedListener = (runner: ProjectionRunner, events: number) => void;

/** The events of a batch at or before `limit`. */
function upTo(batch: readonly RecordedEvent[], limit: Position | null): readonly RecordedEvent[] {
  const end = batch.findIndex((event) => comparePositions(event.position, limit) > 0);
  return end === -1 ? batch : batch.slice(0, end);
}

/**
 * The one reader of the event log for every projection runner. Each round reads one batch per group of
 * runners at the same position and hands it to all of them; the group furthest ahead goes first. A group
 * behind (a rebuilt projection, one back from a retry) reads its own batches, never past the group ahead
 * of it, so it lands on that group's position and they read together from then on. A lagging group costs
 * the others one batch of latency per round, never their turn.
 */
export class ProjectionFeed {
  private readonly signal = new WakeSignal();
  private loop: Promise<void> | null = null;
  private following = false;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly eventStore: EventStore,
    private readonly runners: readonly ProjectionRunner[],
    private readonly batchSize: number,
  ) {}

  /** Follows the log until stopped: a round whenever woken, and when a runner's retry is due. */
  start(): void {
    if (this.loop) return;
    this.following = true;
    this.loop = this.follow();
  }

  wake(): void {
    this.signal.wake();
  }

  async stop(): Promise<void> {
    this.following = false;
    this.wake();
    await this.loop;
    this.loop = null;
    this.clearRetryTimer();
  }

  /** Rounds until no runner has anything left to read (or every one has failed); for `filora rebuild`. */
  async drain(onApplied: AppliedListener): Promise<void> {
    for (;;) {
      if (await this.round(onApplied)) continue;
      if (!this.scheduleRetryWake()) return;
      await this.signal.wait();
    }
  }

  private async follow(): Promise<void> {
    while (this.following) {
      if (await this.round()) {
        // A backlog is worked through a round per turn of the event loop, so that requests are still served meanwhile.
        await nextTurn();
        continue;
      }
      this.scheduleRetryWake();
      await this.signal.wait();
    }
  }

  /** Answers whether any runner was handed events. */
  private async round(onApplied?: AppliedListener): Promise<boolean> {
    const now = Date.now();
    const groups = groupByPosition(
      this.runners.filter((runner) => runner.isReady(now)),
      (runner) => runner.checkpoint,
    );
    let fed = false;
    // Where the group ahead stands after this round; undefined for the group furthest ahead.
    let ahead: Position | null | undefined;
    for (const { position, members } of groups) {
      const read = await this.read(position, members);
      const batch = ahead === undefined ? read : upTo(read, ahead);
      if (batch.length > 0) {
        const applied = await Promise.all(members.map((runner) => runner.apply(batch)));
        for (const [index, runner] of members.entries()) if (applied[index]) onApplied?.(runner, batch.length);
        fed = true;
      }
      ahead = batch.length > 0 ? batch[batch.length - 1]!.position : position;
    }
    return fed;
  }

  private async read(after: Position | null, members: readonly ProjectionRunner[]): Promise<RecordedEvent[]> {
    try {
      return await this.eventStore.readAll({ after, limit: this.batchSize });
    } catch (error) {
      await Promise.all(members.map((runner) => runner.attemptFailed(error)));
      return [];
    }
  }

  /** Arms a wake-up for the earliest retry due; answers whether any runner waits for one. */
  private scheduleRetryWake(): boolean {
    this.clearRetryTimer();
    const due = this.runners.map((runner) => runner.nextRetryAt()).filter((at): at is number => at !== null);
    if (due.length === 0) return false;
    this.retryTimer = setTimeout(() => this.wake(), Math.max(0, Math.min(...due) - Date.now()));
    return true;
  }

  private clearRetryTimer(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
