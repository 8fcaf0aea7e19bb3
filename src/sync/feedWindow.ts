import type { EventStore, Position } from '../ports/eventStore';
import type { ReadStore } from '../ports/readStore';
import { positionBefore } from '../projections/feedClock/feedClockQuery';

const DAY_MS = 86_400_000;

/** Whether a feed can continue from a position: `expired` past the retention, `ahead` of everything the log holds. */
export type FeedStartVerdict = 'current' | 'expired' | 'ahead';

export type SinceStart = { verdict: 'current'; after: Position | null } | { verdict: 'expired' };

/**
 * What part of the log a feed may start in: positions from the clock mark of (now − retention) on, up to
 * the log's head. Older cursors, and cursors this log never reached (a restored backup, another server),
 * cannot continue: the client takes a snapshot.
 */
export class FeedWindow {
  constructor(
    private readonly eventStore: EventStore,
    private readonly readStore: ReadStore,
    readonly retentionDays: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async verdictOf(position: Position): Promise<FeedStartVerdict> {
    const head = await this.eventStore.headPosition();
    if (head === null || position > head) return 'ahead';
    const floor = await positionBefore(this.readStore, this.oldestKept());
    return floor !== null && position < floor ? 'expired' : 'current';
  }

  /** Where a feed asked from a time starts (a little before it: skip events older than `since` from there). */
  async startOfSince(since: Date): Promise<SinceStart> {
    if (since < this.oldestKept()) return { verdict: 'expired' };
    return { verdict: 'current', after: await positionBefore(this.readStore, since) };
  }

  private oldestKept(): Date {
    return new Date(this.now().getTime() - this.retentionDays * DAY_MS);
  }
}
