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
import { AppendNotifier } from './appendNotifier';
import { assertAppendableBatch, assertExpectedRevision, idempotentResult } from './appendRules';
import { catchUpSource } from './catchUpSource';
import { parseSequencePosition, sequencePosition } from './sequencePosition';
import type { EventHandler } from './sequentialSubscriptions';
import { SequentialSubscriptions } from './sequentialSubscriptions';

/** Through JSON, as the other adapters store it, so tests see the same values (no Dates, no undefined). */
function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function copy(event: RecordedEvent): RecordedEvent {
  return { ...event, data: jsonCopy(event.data), metadata: jsonCopy(event.metadata), createdAt: new Date(event.createdAt) };
}

/** In-process event store with the same semantics as the others, for fast unit tests. */
export class MemoryEventStore implements EventStore {
  /** all[i] has the global sequence i + 1. */
  private readonly all: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly byId = new Map<string, RecordedEvent>();
  private readonly appended = new AppendNotifier();
  private readonly subscriptions = new SequentialSubscriptions();

  // Synchronous from check to write, so concurrent appends cannot interleave.
  append(stream: string, events: readonly EventToAppend[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    try {
      return Promise.resolve(this.appendNow(stream, events, options.expectedRevision));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private appendNow(stream: string, events: readonly EventToAppend[], expectedRevision: ExpectedRevision): AppendResult {
    assertAppendableBatch(stream, events);
    const retry = idempotentResult(
      stream,
      events,
      events.map((event) => this.byId.get(event.id)),
    );
    if (retry) return retry;
    const existing = this.streams.get(stream) ?? [];
    assertExpectedRevision(stream, expectedRevision, existing.length === 0 ? 'no_stream' : BigInt(existing.length - 1));
    const createdAt = new Date();
    const recorded = events.map((event, index): RecordedEvent => ({
      streamId: stream,
      revision: BigInt(existing.length + index),
      position: sequencePosition(this.all.length + index + 1),
      id: event.id,
      type: event.type,
      data: jsonCopy(event.data),
      metadata: jsonCopy(event.metadata),
      createdAt,
    }));
    for (const event of recorded) {
      this.all.push(event);
      this.byId.set(event.id, event);
    }
    this.streams.set(stream, [...existing, ...recorded]);
    this.appended.notify();
    const last = recorded[recorded.length - 1] as RecordedEvent;
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  async readStream(stream: string, options: { from?: bigint; limit?: number } = {}): Promise<RecordedEvent[]> {
    const from = Number(options.from ?? 0n);
    const events = this.streams.get(stream) ?? [];
    return events.slice(from, options.limit === undefined ? undefined : from + options.limit).map(copy);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const types = options.types ? new Set(options.types) : undefined;
    const result: RecordedEvent[] = [];
    const start = options.after === null ? 0 : parseSequencePosition(options.after);
    for (let index = start; index < this.all.length && result.length < options.limit; index++) {
      const event = this.all[index] as RecordedEvent;
      if (!types || types.has(event.type)) result.push(copy(event));
    }
    return result;
  }

  subscribe(after: Position | null, handler: EventHandler, options?: SubscribeOptions): Subscription {
    const source = catchUpSource(after, { readAll: (read) => this.readAll(read), appended: this.appended });
    return this.subscriptions.start(source, handler, options);
  }

  async headPosition(): Promise<Position | null> {
    return this.all.length === 0 ? null : sequencePosition(this.all.length);
  }

  async close(): Promise<void> {
    await this.subscriptions.closeAll();
  }
}
