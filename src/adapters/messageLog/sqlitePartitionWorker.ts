import type { SqliteDatabase } from '../sqlite/sqliteDatabase';
import type { Logger } from '../../ports/logger';
import type { ConsumedMessage } from '../../ports/messageLog';
import type { BackoffOptions } from './handleUntilSuccess';
import { handleUntilSuccess } from './handleUntilSuccess';
import type { GroupPartition, SqliteMessageLogStatements, StoredMessageRow } from './sqliteMessageLogStatements';
import type { TopicWakeups } from './topicWakeups';

export interface PartitionWorkerSettings {
  db: SqliteDatabase;
  statements: SqliteMessageLogStatements;
  wakeups: TopicWakeups;
  logger: Logger;
  /** Identifies the consumer that holds this partition's lease. */
  owner: string;
  pollIntervalMs: number;
  batchSize: number;
  leaseTtlMs: number;
  backoff: BackoffOptions;
  signal: AbortSignal;
}

/**
 * Consumes one partition for one group: it holds the group+partition lease (so no other consumer, in this process
 * or another, works on the partition at the same time), reads after the committed offset, runs the handler on one
 * message at a time and commits each success before the next. It returns when the signal aborts, after the message
 * in hand; it throws on storage errors.
 */
export class SqlitePartitionWorker {
  private nextOffset: number | undefined;
  private renewTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly at: GroupPartition,
    private readonly handler: (message: ConsumedMessage) => Promise<void>,
    private readonly settings: PartitionWorkerSettings,
  ) {}

  async run(): Promise<void> {
    const { signal, wakeups, pollIntervalMs } = this.settings;
    try {
      while (!signal.aborted) {
        if (this.nextOffset === undefined && !(await this.tryAcquire())) {
          await wakeups.wait(this.at.topic, wakeups.version(this.at.topic), pollIntervalMs, signal);
          continue;
        }
        const seenVersion = wakeups.version(this.at.topic);
        const batch = this.settings.statements.fetch(this.at.topic, this.at.partition, this.nextOffset ?? 0, this.settings.batchSize);
        if (batch.length === 0) await wakeups.wait(this.at.topic, seenVersion, pollIntervalMs, signal);
        else await this.process(batch);
      }
    } finally {
      this.stopRenewing();
    }
  }

  private async process(batch: readonly StoredMessageRow[]): Promise<void> {
    const { signal, logger, backoff } = this.settings;
    for (const row of batch) {
      if (signal.aborted || this.nextOffset === undefined) return;
      if (!(await handleUntilSuccess(this.handler, this.toMessage(row), { backoff, signal, logger }))) return;
      if (!(await this.commit(row.offset + 1))) return;
    }
  }

  private async tryAcquire(): Promise<boolean> {
    const { db, statements, owner, leaseTtlMs } = this.settings;
    this.nextOffset = await db.write(() => statements.acquireLease(this.at, owner, Date.now(), leaseTtlMs));
    if (this.nextOffset === undefined) return false;
    this.settings.logger.debug('partition lease acquired', { ...this.at, nextOffset: this.nextOffset });
    // Renewed in the background too, so a slow handler or a quiet partition keeps its lease.
    this.renewTimer = setInterval(() => void this.renew(), Math.max(1, Math.floor(leaseTtlMs / 3)));
    this.renewTimer.unref();
    return true;
  }

  private async renew(): Promise<void> {
    const { db, statements, owner, leaseTtlMs, signal } = this.settings;
    if (signal.aborted) return;
    try {
      const renewed = await db.write(() => statements.renewLease(this.at, owner, Date.now(), leaseTtlMs));
      if (!renewed && !signal.aborted) this.loseLease();
    } catch (error) {
      if (!signal.aborted) this.settings.logger.warn('could not renew a partition lease', { ...this.at, error });
    }
  }

  private async commit(nextOffset: number): Promise<boolean> {
    const { db, statements, owner, leaseTtlMs } = this.settings;
    const committed = await db.write(() => statements.commit(this.at, owner, nextOffset, Date.now(), leaseTtlMs));
    if (committed) this.nextOffset = nextOffset;
    else this.loseLease();
    return committed;
  }

  private loseLease(): void {
    if (this.nextOffset === undefined) return;
    this.settings.logger.warn('partition lease lost to another consumer', { ...this.at });
    this.nextOffset = undefined;
    this.stopRenewing();
  }

  private stopRenewing(): void {
    clearInterval(this.renewTimer);
    this.renewTimer = undefined;
  }

  private toMessage(row: StoredMessageRow): ConsumedMessage {
    return {
      topic: this.at.topic,
      partition: this.at.partition,
      offset: String(row.offset),
      key: row.key,
      value: row.value,
      headers: JSON.parse(row.headers) as Record<string, string>,
      timestamp: new Date(row.timestamp),
    };
  }
}
