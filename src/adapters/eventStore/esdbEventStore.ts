import { BACKWARDS, END, EventStoreDBClient, FORWARDS, START, StreamNotFoundError, WrongExpectedVersionError } from '@eventstore/db-client';
import type { AllStreamResolvedEvent, ReadPosition, ResolvedEvent, StreamingRead } from '@eventstore/db-client';
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
import { WrongExpectedRevisionError } from '../../ports/errors';
import type { Logger } from '../../ports/logger';
import type { StoredEventRef } from './appendRules';
import { assertAppendableBatch, describeExpectedRevision, idempotentResult } from './appendRules';
import { esdbLiveSource } from './esdbLiveSource';
import { formatEsdbPosition, isFiloraEvent, parseEsdbPosition, toEsdbExpectedRevision, toEventData, toRecordedEvent } from './esdbMapping';
import type { EventHandler } from './sequentialSubscriptions';
import { SequentialSubscriptions } from './sequentialSubscriptions';

// How far back an append looks for a retried batch before writing. Older retries are still recognised when
// the expected revision no longer matches (the usual case); see findStored.
const RECENT_EVENTS = 100;
const MAX_PAGE = 1000;
const HEAD_PAGE = 100;

async function collect<E>(read: StreamingRead<E>): Promise<E[]> {
  const items: E[] = [];
  for await (const item of read) items.push(item);
  return items;
}

/**
 * Event store on EventStoreDB (the distributed profile). Event ids are unique per stream here, not across
 * streams: EventStoreDB has no global id index, so reusing an id in another stream is not detected.
 */
export class EsdbEventStore implements EventStore {
  private readonly subscriptions = new SequentialSubscriptions();

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly logger?: Logger,
  ) {}

  static fromConnectionString(connectionString: string, logger?: Logger): EsdbEventStore {
    return new EsdbEventStore(EventStoreDBClient.connectionString(connectionString), logger);
  }

  async append(stream: string, events: readonly EventToAppend[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    assertAppendableBatch(stream, events);
    const retry = await this.findRetry(stream, events, RECENT_EVENTS);
    if (retry) return retry;
    try {
      const result = await this.client.appendToStream(stream, events.map(toEventData), {
        expectedRevision: toEsdbExpectedRevision(options.expectedRevision),
      });
      if (!result.success) throw await this.conflict(stream, options.expectedRevision);
      const position = result.position ? formatEsdbPosition(result.position) : await this.positionOf(stream, result.nextExpectedRevision);
      return { nextExpectedRevision: result.nextExpectedRevision, position };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      // A concurrent or late retry of this very batch is still a success.
      const lateRetry = await this.findRetry(stream, events);
      if (lateRetry) return lateRetry;
      throw new WrongExpectedRevisionError(stream, describeExpectedRevision(options.expectedRevision), error.actualVersion);
    }
  }

  async readStream(stream: string, options: { from?: bigint; limit?: number } = {}): Promise<RecordedEvent[]> {
    const resolved = await this.readStreamEvents(stream, {
      fromRevision: options.from ?? START,
      maxCount: options.limit ?? Number.MAX_SAFE_INTEGER,
      direction: FORWARDS,
    });
    return resolved.flatMap(({ event }) => (event ? [toRecordedEvent(event)] : []));
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const types = options.types ? new Set(options.types) : undefined;
    // Pages are filtered here (system events, types), so they are read a bounded page at a time.
    const pageSize = Math.min(Math.max(options.limit + 1, 100), MAX_PAGE);
    const result: RecordedEvent[] = [];
    let after = options.after;
    while (result.length < options.limit) {
      const page = await collect(
        this.client.readAll({ fromPosition: after === null ? START : parseEsdbPosition(after), maxCount: pageSize, direction: FORWARDS }),
      );
      for (const { event } of page) {
        // Reading from a position includes the event at that position; `after` is exclusive.
        if (!event || (after !== null && formatEsdbPosition(event.position) <= after)) continue;
        if (isFiloraEvent(event) && (!types || types.has(event.type))) result.push(toRecordedEvent(event));
        if (result.length === options.limit) break;
      }
      const last = page.at(-1)?.event;
      if (page.length < pageSize || !last) break;
      after = formatEsdbPosition(last.position);
    }
    return result;
  }

  subscribe(after: Position | null, handler: EventHandler, options?: SubscribeOptions): Subscription {
    return this.subscriptions.start(esdbLiveSource(this.client, after, this.logger), handler, options);
  }

  async headPosition(): Promise<Position | null> {
    let from: ReadPosition = END;
    let before: Position | null = null;
    for (;;) {
      const page: AllStreamResolvedEvent[] = await collect(
        this.client.readAll({ fromPosition: from, maxCount: HEAD_PAGE, direction: BACKWARDS }),
      );
      for (const { event } of page) {
        if (!event || (before !== null && formatEsdbPosition(event.position) >= before)) continue;
        if (isFiloraEvent(event)) return formatEsdbPosition(event.position);
      }
      const last = page.at(-1)?.event;
      if (page.length < HEAD_PAGE || !last) return null;
      from = last.position;
      before = formatEsdbPosition(last.position);
    }
  }

  async close(): Promise<void> {
    await this.subscriptions.closeAll();
    await this.client.dispose();
  }

  /** The original result when every id of the batch is already in the stream (searching the last `recent` events, or all). */
  private async findRetry(stream: string, events: readonly EventToAppend[], recent?: number): Promise<AppendResult | undefined> {
    const ids = new Set(events.map((event) => event.id));
    const stored = new Map<string, StoredEventRef>();
    const resolved = await this.readStreamEvents(
      stream,
      recent === undefined ? { fromRevision: START, direction: FORWARDS } : { fromRevision: END, direction: BACKWARDS, maxCount: recent },
    );
    for (const { event } of resolved) {
      if (event && ids.has(event.id))
        stored.set(event.id, { streamId: stream, revision: event.revision, position: toRecordedEvent(event).position });
    }
    // A batch straddling the edge of the recent window: look at the whole stream before judging it.
    if (recent !== undefined && stored.size > 0 && stored.size < ids.size) return this.findRetry(stream, events);
    return idempotentResult(
      stream,
      events,
      events.map((event) => stored.get(event.id)),
    );
  }

  private async readStreamEvents(stream: string, options: Parameters<EventStoreDBClient['readStream']>[1]): Promise<ResolvedEvent[]> {
    try {
      return await collect(this.client.readStream(stream, options));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }

  private async positionOf(stream: string, revision: bigint): Promise<Position> {
    const [resolved] = await this.readStreamEvents(stream, { fromRevision: revision, maxCount: 1, direction: FORWARDS });
    if (!resolved?.event) throw new Error(`stream ${stream}: revision ${revision} was appended but cannot be read`);
    return toRecordedEvent(resolved.event).position;
  }

  /** For a client configured not to throw on append failures: build the conflict error from the stream's state. */
  private async conflict(stream: string, expected: ExpectedRevision): Promise<WrongExpectedRevisionError> {
    const [last] = await this.readStreamEvents(stream, { fromRevision: END, maxCount: 1, direction: BACKWARDS });
    const actual = last?.event ? last.event.revision : 'no_stream';
    return new WrongExpectedRevisionError(stream, describeExpectedRevision(expected), actual);
  }
}
