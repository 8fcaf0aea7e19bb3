import type { AppendResult, EventStore, EventToAppend, ExpectedRevision, ReadAllOptions, RecordedEvent } from '../../src/ports/eventStore';

/** What one piece of work did to the event store: stream reads and appends, by stream category, and the events appended. */
export interface StoreTraffic {
  reads: Record<string, number>;
  appends: Record<string, number>;
  appended: Array<{ stream: string; type: string }>;
}

const categoryOf = (stream: string) => stream.slice(0, stream.indexOf('-'));

/** Counts stream reads and appends of the store it wraps, to measure what a command costs and to spec what it wrote. */
export class CountingEventStore implements EventStore {
  private traffic: StoreTraffic = { reads: {}, appends: {}, appended: [] };

  constructor(private readonly inner: EventStore) {}

  /** Traffic since the last reset, and starts counting afresh. */
  take(): StoreTraffic {
    const taken = this.traffic;
    this.traffic = { reads: {}, appends: {}, appended: [] };
    return taken;
  }

  async append(stream: string, events: readonly EventToAppend[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    const result = await this.inner.append(stream, events, options);
    const category = categoryOf(stream);
    this.traffic.appends[category] = (this.traffic.appends[category] ?? 0) + 1;
    this.traffic.appended.push(...events.map((event) => ({ stream, type: event.type })));
    return result;
  }

  readStream(stream: string, options?: { from?: bigint; limit?: number }): Promise<RecordedEvent[]> {
    const category = categoryOf(stream);
    this.traffic.reads[category] = (this.traffic.reads[category] ?? 0) + 1;
    return this.inner.readStream(stream, options);
  }

  readAll(options: ReadAllOptions) {
    return this.inner.readAll(options);
  }

  subscribe(...args: Parameters<EventStore['subscribe']>) {
    return this.inner.subscribe(...args);
  }

  headPosition() {
    return this.inner.headPosition();
  }

  close() {
    return this.inner.close();
  }
}

export const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, count) => sum + count, 0);
