import type { SqliteDatabase } from '../sqlite/sqliteDatabase';
import type { Logger } from '../../ports/logger';
import type { ConsumedMessage, ConsumeOptions, Consumer, MessageLog, OutgoingMessage } from '../../ports/messageLog';
import type { BackoffOptions } from './handleUntilSuccess';
import { DEFAULT_HANDLER_BACKOFF } from './handleUntilSuccess';
import { SqliteGroupConsumer } from './sqliteGroupConsumer';
import { SQLITE_MESSAGE_LOG_SCHEMA } from './sqliteMessageLogSchema';
import type { GroupPartition } from './sqliteMessageLogStatements';
import { SqliteMessageLogStatements } from './sqliteMessageLogStatements';
import { TopicWakeups } from './topicWakeups';

export interface SqliteMessageLogOptions {
  logger: Logger;
  /** Partitions of a topic this log creates; an existing topic keeps its count. Default 4. */
  partitions?: number;
  /** How often idle consumers look for messages published by other processes. Default 200 ms. */
  pollIntervalMs?: number;
  /** Messages read per query. Default 100. */
  batchSize?: number;
  /** A consumer that dies without stopping blocks its partitions for at most this long. Default 30 s. */
  leaseTtlMs?: number;
  /** Backoff between attempts of a failing handler. */
  backoff?: BackoffOptions;
}

/**
 * The embedded profile's message log: durable tables in the shared SQLite file (see sqliteMessageLogSchema.ts).
 *
 * A group's partitions are guarded by lease rows (owner, expiry), taken and renewed through db.write. Whoever
 * holds a lease is the only consumer of that partition for the group, in this process or any other; a second
 * consume() of the same group idles on the partitions it cannot lease and takes them over when the holder stops
 * (the lease is released) or dies (the lease expires).
 */
export class SqliteMessageLog implements MessageLog {
  private readonly wakeups = new TopicWakeups();
  private readonly consumers = new Set<Consumer>();
  private readonly ready: Promise<SqliteMessageLogStatements>;
  private readonly partitions: number;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly options: SqliteMessageLogOptions,
  ) {
    this.partitions = options.partitions ?? 4;
    if (!Number.isInteger(this.partitions) || this.partitions < 1) throw new Error('partitions must be a positive integer');
    this.ready = db.migrate(SQLITE_MESSAGE_LOG_SCHEMA).then(() => new SqliteMessageLogStatements(db.writer, db.reader));
    this.ready.catch(() => undefined); // surfaced by the first call that awaits it
  }

  async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const statements = await this.ready;
    await this.db.write(() => {
      const partitions = statements.ensureTopic(topic, this.partitions);
      statements.append(topic, partitions, messages, Date.now());
    });
    this.wakeups.notify(topic);
  }

  async consume(
    group: string,
    topics: readonly string[],
    handler: (message: ConsumedMessage) => Promise<void>,
    options: ConsumeOptions = {},
  ): Promise<Consumer> {
    const statements = await this.ready;
    const assigned = await this.db.write(() =>
      topics.flatMap((topic): GroupPartition[] => {
        const partitions = statements.ensureTopic(topic, this.partitions);
        statements.joinGroup(group, topic, options.fromBeginning ?? true);
        return Array.from({ length: partitions }, (_, partition) => ({ group, topic, partition }));
      }),
    );
    const consumer: SqliteGroupConsumer = new SqliteGroupConsumer(
      assigned,
      handler,
      {
        db: this.db,
        statements,
        wakeups: this.wakeups,
        logger: this.options.logger.child({ component: 'sqliteMessageLog', group }),
        pollIntervalMs: this.options.pollIntervalMs ?? 200,
        batchSize: this.options.batchSize ?? 100,
        leaseTtlMs: this.options.leaseTtlMs ?? 30_000,
        backoff: this.options.backoff ?? DEFAULT_HANDLER_BACKOFF,
      },
      options.onCrash,
      () => this.consumers.delete(consumer),
    );
    this.consumers.add(consumer);
    consumer.start();
    return consumer;
  }

  /** Deletes messages older than the cut-off that every group with offsets on their partition has consumed. */
  async pruneConsumed(olderThan: Date): Promise<number> {
    const statements = await this.ready;
    return this.db.write(() => statements.pruneConsumed(olderThan.getTime()));
  }

  /** Stops this log's consumers; the shared database stays open for its owner to close. */
  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
  }
}
