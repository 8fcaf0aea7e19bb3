import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  Position,
  ReadAllOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../../ports/eventStore';
import type { SqliteDatabase } from '../sqlite/sqliteDatabase';
import { AppendNotifier } from './appendNotifier';
import { assertAppendableBatch } from './appendRules';
import { catchUpSource } from './catchUpSource';
import type { Settled } from './groupCommit';
import { GroupCommit } from './groupCommit';
import { parseSequencePosition, sequencePosition } from './sequencePosition';
import type { AppendOutcome, AppendRequest } from './sqliteAppend';
import { appendInTransaction } from './sqliteAppend';
import type { EventHandler } from './sequentialSubscriptions';
import { SequentialSubscriptions } from './sequentialSubscriptions';
import type { EventRow } from './sqliteEventTable';
import { EVENTS_SCHEMA, readerStatements, toRecordedEvent, writerStatements } from './sqliteEventTable';

export interface SqliteEventStoreOptions {
  /** How often subscriptions re-read the table for events appended by other processes. */
  pollIntervalMs?: number;
}

interface Statements {
  writer: ReturnType<typeof writerStatements>;
  reader: ReturnType<typeof readerStatements>;
}

// SQLite's LIMIT -1 means no limit.
const NO_LIMIT = -1;

// One notifier per database, so that every store on it in this process wakes its subscribers at once.
const notifiers = new WeakMap<SqliteDatabase, AppendNotifier>();

function notifierFor(db: SqliteDatabase): AppendNotifier {
  let notifier = notifiers.get(db);
  if (!notifier) {
    notifier = new AppendNotifier();
    notifiers.set(db, notifier);
  }
  return notifier;
}

/**
 * Event store in the `events` table of the shared SQLite file. Appends are group-committed: those that
 * arrive while a commit is under way are checked and written together in the next immediate transaction,
 * each in its own savepoint, and acknowledged after its COMMIT (synchronous=FULL: after the fsync).
 * Reads answer only events that are on disk. Subscriptions wake on appends in this process and poll for
 * those of other processes.
 */
export class SqliteEventStore implements EventStore {
  private readonly statements: Promise<Statements>;
  private readonly appended: AppendNotifier;
  private readonly subscriptions = new SequentialSubscriptions();
  private readonly pollIntervalMs: number;
  private readonly appends = new GroupCommit<AppendRequest, AppendResult>((group) => this.commitGroup(group));
  /** Every event at or below this position is known to be on disk (0: none known yet). */
  private durableThrough = 0;

  constructor(
    private readonly db: SqliteDatabase,
    options: SqliteEventStoreOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.appended = notifierFor(db);
    this.statements = db.migrate(EVENTS_SCHEMA).then(() => ({
      writer: writerStatements(db.writer),
      reader: readerStatements(db.reader),
    }));
    // Callers see a failed migration through the methods that await it; do not also report it as unhandled.
    this.statements.catch(() => undefined);
  }

  /** Waits for the group commit its append joins: one transaction and one fsync serve every append in the group. */
  async append(stream: string, events: readonly EventToAppend[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    assertAppendableBatch(stream, events);
    return this.appends.submit({ stream, events, expectedRevision: options.expectedRevision });
  }

  /**
   * One transaction for the group; each append in a savepoint of its own, so that one that fails (a wrong
   * expected revision) is rolled back and fails alone while the others commit.
   */
  private async commitGroup(group: readonly AppendRequest[]): Promise<Settled<AppendResult>[]> {
    const { writer } = await this.statements;
    const createdAt = Date.now();
    const outcomes = await this.db.write(() => group.map((request) => this.appendInSavepoint(writer, request, createdAt)));
    // db.write resolved after the sync: what the group wrote (and every commit before it) is durable.
    for (const outcome of outcomes) if (outcome.ok) this.markDurable(parseSequencePosition(outcome.outcome.result.position));
    if (outcomes.some((outcome) => outcome.ok && outcome.outcome.written)) this.appended.notify();
    return outcomes.map((outcome) => (outcome.ok ? { ok: true, outcome: outcome.outcome.result } : outcome));
  }

  private appendInSavepoint(writer: Statements['writer'], request: AppendRequest, createdAt: number): Settled<AppendOutcome> {
    writer.savepoint.run();
    try {
      const outcome = appendInTransaction(writer, request, createdAt);
      writer.release.run();
      return { ok: true, outcome };
    } catch (error) {
      writer.rollbackTo.run();
      writer.release.run();
      return { ok: false, error };
    }
  }

  async readStream(stream: string, options: { from?: bigint; limit?: number } = {}): Promise<RecordedEvent[]> {
    const { reader } = await this.statements;
    return reader.stream.all(stream, Number(options.from ?? 0n), options.limit ?? NO_LIMIT).map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const { reader } = await this.statements;
    const after = options.after === null ? 0 : parseSequencePosition(options.after);
    const rows = options.types
      ? reader.allOfTypes.all(after, JSON.stringify(options.types), options.limit)
      : reader.all.all(after, options.limit);
    await this.untilDurable(rows);
    return rows.map(toRecordedEvent);
  }

  /**
   * A row is visible from its COMMIT, but on disk only after the sync that follows: a reader (a poll, another
   * process) must not pass a position that a power loss could take back and hand to another event.
   * Rows the appends of this store already synced cost nothing; others wait for one flush of the log.
   */
  private async untilDurable(rows: readonly EventRow[]): Promise<void> {
    const last = rows[rows.length - 1]?.position;
    if (last === undefined || last <= this.durableThrough) return;
    await this.db.flushCommitted();
    this.markDurable(last);
  }

  private markDurable(position: number): void {
    if (position > this.durableThrough) this.durableThrough = position;
  }

  subscribe(after: Position | null, handler: EventHandler, options?: SubscribeOptions): Subscription {
    const source = catchUpSource(after, {
      readAll: (read) => this.readAll(read),
      appended: this.appended,
      pollIntervalMs: this.pollIntervalMs,
    });
    return this.subscriptions.start(source, handler, options);
  }

  async headPosition(): Promise<Position | null> {
    const { reader } = await this.statements;
    const head = reader.head.get()?.position ?? null;
    return head === null ? null : sequencePosition(head);
  }

  /** Stops the subscriptions; the shared database stays open for its owner to close. */
  async close(): Promise<void> {
    await this.subscriptions.closeAll();
  }
}
