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
import { assertAppendableBatch, assertExpectedRevision, idempotentResult } from './appendRules';
import { catchUpSource } from './catchUpSource';
import { parseSequencePosition, sequencePosition } from './sequencePosition';
import type { EventHandler } from './sequentialSubscriptions';
import { SequentialSubscriptions } from './sequentialSubscriptions';
import { EVENTS_SCHEMA, readerStatements, toRecordedEvent, toStoredRef, writerStatements } from './sqliteEventTable';

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
 * Event store in the `events` table of the shared SQLite file. Appends are checked and written in one
 * immediate transaction; subscriptions wake on appends in this process and poll for those of other processes.
 */
export class SqliteEventStore implements EventStore {
  private readonly statements: Promise<Statements>;
  private readonly appended: AppendNotifier;
  private readonly subscriptions = new SequentialSubscriptions();
  private readonly pollIntervalMs: number;

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

  async append(stream: string, events: readonly EventToAppend[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    assertAppendableBatch(stream, events);
    const { writer } = await this.statements;
    const { result, written } = await this.db.write(() => {
      const stored = events.map((event) => {
        const row = writer.refById.get(event.id);
        return row && toStoredRef(row);
      });
      const retry = idempotentResult(stream, events, stored);
      if (retry) return { result: retry, written: false };
      const last = writer.lastRevision.get(stream)?.revision ?? null;
      assertExpectedRevision(stream, options.expectedRevision, last === null ? 'no_stream' : BigInt(last));
      const createdAt = Date.now();
      let revision = last ?? -1;
      let position = 0;
      for (const event of events) {
        revision += 1;
        const info = writer.insert.run(
          stream,
          revision,
          event.id,
          event.type,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
          createdAt,
        );
        position = Number(info.lastInsertRowid);
      }
      return { result: { nextExpectedRevision: BigInt(revision), position: sequencePosition(position) }, written: true };
    });
    if (written) this.appended.notify();
    return result;
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
    return rows.map(toRecordedEvent);
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
