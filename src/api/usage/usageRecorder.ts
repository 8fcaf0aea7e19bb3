import { randomUUID } from 'node:crypto';
import { ChainedAppender } from '../../commands/chainedAppender';
import type { UsageRecord } from '../../domain/usage/usageEvents';
import type { EventStore, EventToAppend, Position } from '../../ports/eventStore';
import type { Logger } from '../../ports/logger';
import { LastAppends } from './lastAppends';
import { usageRecordFault } from './usageRecordFault';
import type { UsageSubject } from './usageSubject';
import { showsRecord } from './usageSubject';

/** What the HTTP layer needs of the usage log: hand it a record, or learn what a read of some usage must wait for. */
export interface UsageLog {
  /** Takes a record without waiting: it is appended with the next flush. */
  record(record: UsageRecord): void;
  /**
   * Makes every record of `subject` taken so far appended, appending (everything waiting) only if this
   * process still holds one; resolves with the position of the last append that carried one, null if none did.
   */
  flushFor(subject: UsageSubject): Promise<Position | null>;
}

export interface UsageRecorderOptions {
  /** This process's own stream, `usage-<uuid made at start>`: no other writer, so its chain is kept in memory. */
  streamId: string;
  /** A record waits at most this long before it is appended. */
  flushIntervalMs: number;
  /** Records per UsageRecorded event; this many waiting records also start a flush at once. */
  batchRecords: number;
  /** Records kept while the event store refuses them; past it the oldest are dropped (with a warning). */
  maxWaitingRecords: number;
  /** Subjects of each kind whose last append position is remembered (see LastAppends). */
  maxRememberedSubjects: number;
}

export const DEFAULT_USAGE_RECORDER_OPTIONS: Omit<UsageRecorderOptions, 'streamId'> = {
  flushIntervalMs: 1000,
  batchRecords: 500,
  maxWaitingRecords: 50_000,
  maxRememberedSubjects: 100_000,
};

/** An append that has not succeeded yet: retried with the same event ids, so that a retry of one that did land is a no-op. */
interface PendingAppend {
  events: EventToAppend[];
  records: UsageRecord[];
}

/**
 * Buffers usage records and appends them as batched `UsageRecorded` events to this process's usage stream:
 * within `flushIntervalMs` of the first waiting record, as soon as `batchRecords` wait, and on close.
 * Recording never waits for the event store and never fails a request: a failed append is retried on the
 * next tick, and while the store stays down the oldest records beyond `maxWaitingRecords` are dropped.
 *
 * Durability bound: a record exists only in this process's memory until its flush is acknowledged, so a
 * crash (SIGKILL, power loss) loses at most the records of the last `flushIntervalMs` (one second by default)
 * plus an append in flight, and never a domain event, which is appended by its command before the
 * response that this record describes is sent. If the event store was down before the crash, what it had
 * refused (up to the bound) is lost too.
 */
export class UsageRecorder implements UsageLog {
  private waiting: UsageRecord[] = [];
  private pending: PendingAppend | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<Position | null> | null = null;
  private queued: Promise<Position | null> | null = null;
  private lastPosition: Position | null = null;
  private dropped = 0;
  private closed = false;
  private readonly lastAppends: LastAppends;
  private readonly appender: ChainedAppender;

  constructor(
    eventStore: EventStore,
    private readonly logger: Logger,
    private readonly options: UsageRecorderOptions,
    private readonly newEventId: () => string = randomUUID,
  ) {
    this.lastAppends = new LastAppends(options.maxRememberedSubjects);
    this.appender = new ChainedAppender(eventStore, { maxStreams: 1 });
  }

  /** Records taken and not yet acknowledged by the event store. */
  get unflushed(): number {
    return this.waiting.length + (this.pending?.records.length ?? 0);
  }

  record(candidate: UsageRecord): void {
    if (this.closed) {
      this.logger.warn('a usage record arrived after the usage log closed; it is dropped', { requestId: candidate.requestId });
      return;
    }
    // A record the projections would refuse would stop them for good: it is refused here instead.
    const fault = usageRecordFault(candidate);
    if (fault !== null) {
      this.logger.warn('an invalid usage record is dropped', { requestId: candidate.requestId, field: fault });
      return;
    }
    this.waiting.push(candidate);
    this.dropOldestBeyondBound();
    if (this.waiting.length >= this.options.batchRecords) this.flushInBackground();
    else this.armTimer();
  }

  async flushFor(subject: UsageSubject): Promise<Position | null> {
    if (this.holdsRecordOf(subject)) await this.flush();
    return this.lastAppends.of(subject);
  }

  /** One flush at a time; calls made while one runs share the next, which takes everything recorded until it starts. */
  flush(): Promise<Position | null> {
    if (this.queued) return this.queued;
    if (!this.running) return this.startFlush();
    this.queued = this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.startFlush();
      });
    return this.queued;
  }

  /** Stops the timer and appends what is left (one attempt: a store that refuses it now loses those records, logged). */
  async close(): Promise<void> {
    this.closed = true;
    this.clearTimer();
    try {
      await this.flush();
    } catch (error) {
      this.logger.error('usage records lost at shutdown: the event store refused them', { records: this.unflushed, error });
    }
  }

  private startFlush(): Promise<Position | null> {
    this.running = this.appendWaiting().finally(() => {
      this.running = null;
      if (this.unflushed > 0 && !this.closed) this.armTimer();
    });
    return this.running;
  }

  private async appendWaiting(): Promise<Position | null> {
    this.clearTimer();
    this.reportDropped();
    // The append that failed last goes first and as it was; records taken since wait for the next one.
    if (this.pending) await this.appendPending(this.pending);
    if (this.waiting.length > 0) await this.appendPending(this.pendingFrom(this.waiting.splice(0)));
    return this.lastPosition;
  }

  private pendingFrom(records: UsageRecord[]): PendingAppend {
    const events: EventToAppend[] = [];
    for (let start = 0; start < records.length; start += this.options.batchRecords) {
      const batch = records.slice(start, start + this.options.batchRecords);
      events.push({ id: this.newEventId(), type: 'UsageRecorded', data: { records: batch }, metadata: {} });
    }
    this.pending = { events, records };
    return this.pending;
  }

  private async appendPending(append: PendingAppend): Promise<void> {
    // A retry chains on the same tail as the failed attempt, so an append that did land is repeated exactly (a no-op).
    const result = await this.appender.append(this.options.streamId, append.events);
    if (this.pending === append) this.pending = null;
    this.lastPosition = result.position;
    this.lastAppends.appended(append.records, result.position);
  }

  /**
   * Whether a record of the subject is taken and not appended yet. A scan of what waits (about a second of
   * requests), paid by usage reads only, so that recording a request keeps no count per subject.
   */
  private holdsRecordOf(subject: UsageSubject): boolean {
    const shown = (record: UsageRecord) => showsRecord(subject, record);
    return this.waiting.some(shown) || (this.pending?.records.some(shown) ?? false);
  }

  private flushInBackground(): void {
    // A flush already queued takes every record waiting when it starts.
    if (this.queued) return;
    this.flush().catch((error: unknown) => {
      this.logger.warn('usage records could not be appended; retrying', { records: this.unflushed, error });
    });
  }

  private armTimer(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flushInBackground();
    }, this.options.flushIntervalMs);
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Waiting records beyond the bound go, oldest first; the append being retried keeps its records (it may have landed). */
  private dropOldestBeyondBound(): void {
    const excess = this.waiting.length - this.options.maxWaitingRecords;
    if (excess <= 0) return;
    this.waiting.splice(0, excess);
    this.dropped += excess;
  }

  private reportDropped(): void {
    if (this.dropped === 0) return;
    this.logger.warn('usage records dropped: the event store refused appends for too long', {
      dropped: this.dropped,
      maxWaitingRecords: this.options.maxWaitingRecords,
    });
    this.dropped = 0;
  }
}

/** A recorder's stream: one per process, named at start. */
export const newUsageStreamId = (): string => `usage-${randomUUID()}`;
