import type { EventStore, Position, RecordedEvent } from '../ports/eventStore';
import type { Logger } from '../ports/logger';
import { WakeSignal } from '../shared/wakeSignal';
import type { FeedAudience, FeedItem, FeedReader, HorizonWatch } from '../sync/feedTypes';
import type { ConnectionIdentity, Outbox, SendLimits } from './connection';
import { Connection } from './connection';

/** How events become feed items, and cursors positions: the sync feed's own rules, shared with its routes. */
export interface FeedItems {
  /** The item an event is in a feed, or null for an event no feed shows (internal, not published). */
  itemOf(event: RecordedEvent): FeedItem | null;
  cursorOf(position: Position): string;
  /** The position a cursor stands for, or null for a malformed one. */
  positionOf(cursor: string): Position | null;
}

export interface RealtimeHubOptions {
  /** Events read from the log at a time. */
  batchSize: number;
  /** Items a replay asks the feed reader for at a time. */
  replayPageSize: number;
  heartbeatIntervalMs: number;
  sendLimits: SendLimits;
  /** Pause after a failed read of the log before trying again. */
  retryDelayMs: number;
}

export const DEFAULT_HUB_OPTIONS: Omit<RealtimeHubOptions, 'sendLimits'> = {
  batchSize: 500,
  replayPageSize: 200,
  heartbeatIntervalMs: 30_000,
  retryDelayMs: 1000,
};

interface Delivery {
  event: RecordedEvent;
  item: FeedItem;
}

/**
 * The one fan-out of an API process, whatever the transport. It follows the event log itself (never a
 * signal of the process that wrote): woken by the horizon, it reads the log from its tail up to the
 * horizon (the position up to which the access read models are final), works out each batch's audience
 * once, and hands each item to the connections of the users it reaches.
 *
 * A connection that resumes from a cursor is registered first, with the hub's tail T taken in the same
 * tick; it replays (cursor, T] through the feed reader while the live items past T are held back, then
 * sends those and goes live. It sends only past the last position it sent, so nothing is missed or repeated.
 * The replay and the held items go out at the client's pace: past half the send limits, it waits for a drain.
 */
export class RealtimeHub {
  private tail: Position | null = null;
  private readonly byUser = new Map<string, Set<Connection>>();
  private readonly signal = new WakeSignal();
  private running = false;
  private loop: Promise<void> | null = null;
  private stopWatching: (() => void) | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private readonly replays = new Set<Promise<void>>();

  constructor(
    private readonly eventStore: EventStore,
    private readonly horizon: HorizonWatch,
    private readonly audience: FeedAudience,
    private readonly reader: FeedReader,
    private readonly items: FeedItems,
    private readonly logger: Logger,
    private readonly options: RealtimeHubOptions,
  ) {}

  /** Starts live at the current horizon: what came before reaches a client only through a resume. */
  async start(): Promise<void> {
    this.tail = await this.horizon.current();
    this.stopWatching = this.horizon.onAdvance(() => this.signal.wake());
    this.running = true;
    this.loop = this.follow();
    this.heartbeatTimer = setInterval(() => this.heartbeat(), this.options.heartbeatIntervalMs);
    this.heartbeatTimer.unref();
  }

  /** Stops following the log and closes every connection (`shutdown`). */
  async close(): Promise<void> {
    this.running = false;
    this.stopWatching?.();
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.signal.wake();
    await this.loop;
    for (const connection of [...this.connections()]) connection.close({ code: 'shutdown', message: 'the server is shutting down' });
    await Promise.allSettled([...this.replays]);
  }

  /** The position the hub has read the log up to: live items are past it. */
  get position(): Position | null {
    return this.tail;
  }

  *connections(): Iterable<Connection> {
    for (const connections of this.byUser.values()) yield* connections;
  }

  get connectionCount(): number {
    let count = 0;
    for (const connections of this.byUser.values()) count += connections.size;
    return count;
  }

  /**
   * Registers a connection: live from now when `resumeAfter` is undefined, else replaying from that
   * position (null: from the start of the feed) first.
   */
  connect(identity: ConnectionIdentity, outbox: Outbox, resumeAfter?: Position | null): Connection {
    const connection = new Connection(identity, outbox, this.options.sendLimits, this.items.cursorOf, (closed) => this.forget(closed));
    const connections = this.byUser.get(connection.userId) ?? new Set<Connection>();
    connections.add(connection);
    this.byUser.set(connection.userId, connections);
    if (resumeAfter === undefined) connection.goLiveFrom(this.tail);
    else this.resume(connection, resumeAfter);
    return connection;
  }

  /** Replays the connection's feed after `after` up to the hub's tail, then goes live (see the class). */
  resume(connection: Connection, after: Position | null): void {
    const upTo = this.tail;
    const generation = connection.startReplay(after);
    const replay = this.replay(connection, after, upTo, generation)
      .catch((error: unknown) => this.replayFailed(connection, error))
      .finally(() => this.replays.delete(replay));
    this.replays.add(replay);
  }

  private forget(connection: Connection): void {
    const connections = this.byUser.get(connection.userId);
    connections?.delete(connection);
    if (connections?.size === 0) this.byUser.delete(connection.userId);
  }

  private async replay(connection: Connection, after: Position | null, upTo: Position | null, generation: number): Promise<void> {
    let from = after;
    while (upTo !== null && (from === null || from < upTo)) {
      const page = await this.reader.page(connection.userId, from, this.options.replayPageSize);
      for (const item of page.items) {
        const position = this.items.positionOf(item.cursor);
        if (position === null || position > upTo) break;
        if (!(await this.paced(connection, generation))) return;
        connection.offerReplayed(position, item);
      }
      if (!page.hasMore || page.nextPosition === null || page.nextPosition === from) break;
      from = page.nextPosition;
    }
    while ((await this.paced(connection, generation)) && connection.releaseHeld(generation));
  }

  /**
   * Waits for the transport to drain when its backlog is past half the limits, so that a replay never
   * overflows the client it is catching up; answers whether the replay is still the connection's current one.
   */
  private async paced(connection: Connection, generation: number): Promise<boolean> {
    if (connection.isReplaying(generation) && connection.shouldPause) await connection.whenDrained();
    return connection.isReplaying(generation);
  }

  /** A cursor the feed cannot continue from never gets here: the transports refuse it (`reset`) before resuming. */
  private replayFailed(connection: Connection, error: unknown): void {
    this.logger.error('realtime replay failed', { error, userId: connection.userId });
    connection.close({ code: 'server_error', message: `replay failed; resume from ${connection.cursor ?? ''}`.trimEnd() });
  }

  private heartbeat(): void {
    for (const connection of [...this.connections()]) connection.heartbeat();
  }

  private async follow(): Promise<void> {
    while (this.running) {
      try {
        if (await this.deliverNextBatch()) continue;
      } catch (error) {
        this.logger.error('realtime hub failed to read the log; retrying', { error, position: this.tail });
        await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs));
        continue;
      }
      await this.signal.wait();
    }
  }

  /** Reads and delivers one batch up to the horizon; answers whether there may be more to read at once. */
  private async deliverNextBatch(): Promise<boolean> {
    const horizon = await this.horizon.current();
    if (horizon === null || (this.tail !== null && horizon <= this.tail)) return false;
    const read = await this.eventStore.readAll({ after: this.tail, limit: this.options.batchSize });
    const batch = read.filter((event) => event.position <= horizon);
    const deliveries = this.connectionCount === 0 ? [] : this.itemsOf(batch);
    const reached =
      deliveries.length === 0 ? new Map<string, ReadonlySet<string>>() : await this.audience.of(deliveries.map((d) => d.event));
    // From here to the new tail nothing awaits: a connection registered meanwhile took T before this batch.
    for (const { event, item } of deliveries) {
      for (const userId of reached.get(event.id) ?? []) {
        for (const connection of this.byUser.get(userId) ?? []) connection.offerLive(event.position, item);
      }
    }
    this.tail = batch.length > 0 ? batch[batch.length - 1]!.position : horizon;
    return batch.length === read.length && read.length === this.options.batchSize;
  }

  private itemsOf(events: readonly RecordedEvent[]): Delivery[] {
    const deliveries: Delivery[] = [];
    for (const event of events) {
      const item = this.items.itemOf(event);
      if (item) deliveries.push({ event, item });
    }
    return deliveries;
  }
}
