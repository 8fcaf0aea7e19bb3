import { randomUUID } from 'node:crypto';
import { MemoryEventStore } from '../../../src/adapters/eventStore/memoryEventStore';
import type { HeldCredential } from '../../../src/api/auth/credentialCheck';
import { ALL_SCOPES } from '../../../src/domain/access/scopes';
import { PUBLIC_EVENT_NAMES } from '../../../src/domain/publicEvents';
import type { Position, RecordedEvent } from '../../../src/ports/eventStore';
import type { Backlog, CloseReason, Outbox } from '../../../src/realtime/connection';
import type { FeedItems } from '../../../src/realtime/realtimeHub';
import { DEFAULT_HUB_OPTIONS, RealtimeHub } from '../../../src/realtime/realtimeHub';
import type { FeedAudience, FeedItem, FeedPage, FeedReader, HorizonWatch } from '../../../src/sync/feedTypes';
import { eventually } from '../../support/files';
import { silentLogger } from '../../support/stores';

const CREDENTIAL: HeldCredential = { kind: 'session', sessionId: randomUUID(), expiresAtMs: Number.MAX_SAFE_INTEGER, startedBy: undefined };

const items: FeedItems = {
  itemOf: (event) =>
    PUBLIC_EVENT_NAMES[event.type] === undefined
      ? null
      : {
          event_id: event.id,
          type: PUBLIC_EVENT_NAMES[event.type]!,
          user_id: event.metadata.actor ?? null,
          timestamp: event.createdAt.toISOString(),
          payload: event.data,
          cursor: `c${event.position}`,
        },
  cursorOf: (position) => `c${position}`,
  positionOf: (cursor) => (cursor.startsWith('c') ? cursor.slice(1) : null),
};

/** A horizon moved by the test, as the access projection's checkpoint would move. */
class ManualHorizon implements HorizonWatch {
  private position: Position | null = null;
  private readonly listeners = new Set<() => void>();
  current = () => Promise.resolve(this.position);
  onAdvance(listener: () => void) {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
  advanceTo(position: Position) {
    this.position = position;
    for (const listener of this.listeners) listener();
  }
}

/** The owner and the share's grantee see an event: enough audience for the hub's own rules. */
const audienceOf = (event: RecordedEvent) => new Set([event.data.ownerId, event.data.principalId].filter((id) => typeof id === 'string'));
const audience: FeedAudience = {
  of: (events) => Promise.resolve(new Map(events.map((event) => [event.id, audienceOf(event)] as const))),
};

/** The feed read page by page up to the horizon; `gate` lets a test hold a page back. */
class LogReader implements FeedReader {
  gate: Promise<void> = Promise.resolve();
  constructor(
    private readonly store: MemoryEventStore,
    private readonly horizon: ManualHorizon,
  ) {}
  async page(userId: string, after: Position | null, limit: number): Promise<FeedPage> {
    await this.gate;
    const upTo = await this.horizon.current();
    const read = (await this.store.readAll({ after, limit: 1000 })).filter((event) => upTo !== null && event.position <= upTo);
    const mine = read.filter((event) => items.itemOf(event) && audienceOf(event).has(userId)).slice(0, limit);
    const last = mine.length === limit ? mine[mine.length - 1]!.position : (read[read.length - 1]?.position ?? after);
    return { items: mine.map((event) => items.itemOf(event)!), nextPosition: last, hasMore: mine.length === limit };
  }
}

class RecordingOutbox implements Outbox {
  readonly sent: FeedItem[] = [];
  closedWith: CloseReason | null = null;
  heartbeats = 0;
  backlogNow: Backlog = { bytes: 0, messages: 0 };
  send(item: FeedItem) {
    this.sent.push(item);
  }
  backlog() {
    return this.backlogNow;
  }
  whenDrained() {
    return Promise.resolve();
  }
  heartbeat() {
    this.heartbeats++;
  }
  close(reason: CloseReason) {
    this.closedWith = reason;
  }
}

/** A transport whose backlog is what was sent since the test last drained it. */
class DrainingOutbox extends RecordingOutbox {
  private drainedUpTo = 0;
  private waiters: (() => void)[] = [];
  largestBacklog = 0;
  override send(item: FeedItem) {
    super.send(item);
    this.largestBacklog = Math.max(this.largestBacklog, this.sent.length - this.drainedUpTo);
  }
  override backlog() {
    return { bytes: 0, messages: this.sent.length - this.drainedUpTo };
  }
  override whenDrained() {
    return new Promise<void>((resolve) => this.waiters.push(resolve));
  }
  get waiting() {
    return this.waiters.length;
  }
  drain() {
    this.drainedUpTo = this.sent.length;
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}

const alice = randomUUID();
const bob = randomUUID();
let store: MemoryEventStore;
let horizon: ManualHorizon;
let reader: LogReader;
let hub: RealtimeHub;

async function append(ownerId: string, extra: Record<string, unknown> = {}, type = 'FileRenamed'): Promise<RecordedEvent> {
  const fileId = (extra.fileId as string | undefined) ?? randomUUID();
  const { position } = await store.append(
    `file-${fileId}`,
    [{ id: randomUUID(), type, data: { fileId, ownerId, ...extra }, metadata: { actor: ownerId } }],
    { expectedRevision: 'any' },
  );
  return (await store.readAll({ after: null, limit: 100_000 })).find((event) => event.position === position)!;
}

/** Appends and moves the horizon past it, as the projections would. */
async function publish(ownerId: string, extra: Record<string, unknown> = {}, type?: string): Promise<RecordedEvent> {
  const event = await append(ownerId, extra, type);
  horizon.advanceTo(event.position);
  return event;
}

function connect(userId: string, resumeAfter?: Position | null, outbox = new RecordingOutbox()) {
  const connection = hub.connect({ actor: { userId, scopes: ALL_SCOPES }, credential: CREDENTIAL, ip: '127.0.0.1' }, outbox, resumeAfter);
  return { connection, outbox };
}

const ids = (outbox: RecordingOutbox) => outbox.sent.map((item) => item.event_id);
const until = (outbox: RecordingOutbox, count: number) =>
  eventually(
    () => outbox.sent.length,
    (length) => length >= count,
  );

beforeEach(async () => {
  store = new MemoryEventStore();
  horizon = new ManualHorizon();
  reader = new LogReader(store, horizon);
  hub = new RealtimeHub(store, horizon, audience, reader, items, silentLogger(), {
    ...DEFAULT_HUB_OPTIONS,
    batchSize: 3,
    replayPageSize: 2,
    sendLimits: { maxBytes: 1024, maxMessages: 5 },
  });
  await hub.start();
});
afterEach(() => hub.close());

describe('the realtime hub', () => {
  it('delivers an event to the connections of the users it reaches, and to no one else', async () => {
    const ownerTabs = [connect(alice), connect(alice)];
    const stranger = connect(bob);
    const event = await publish(alice);
    await until(ownerTabs[1]!.outbox, 1);
    for (const { outbox } of ownerTabs) expect(ids(outbox)).toEqual([event.id]);
    const grantee = await publish(alice, { principalId: bob }, 'FileShared');
    await until(stranger.outbox, 1);
    expect(ids(stranger.outbox)).toEqual([grantee.id]);
  });

  it('reads past batches up to the horizon, in position order, and nothing beyond it', async () => {
    const { outbox } = connect(alice);
    const events = [];
    for (let i = 0; i < 7; i++) events.push(await append(alice));
    const beyond = await append(alice);
    horizon.advanceTo(events[6]!.position);
    await until(outbox, 7);
    expect(ids(outbox)).toEqual(events.map((event) => event.id));
    horizon.advanceTo(beyond.position);
    await until(outbox, 8);
    expect(ids(outbox).at(-1)).toBe(beyond.id);
  });

  it('skips events no feed shows', async () => {
    const { outbox } = connect(alice);
    await publish(alice, {}, 'SessionStarted');
    const shown = await publish(alice);
    await until(outbox, 1);
    expect(ids(outbox)).toEqual([shown.id]);
  });

  it('resumes from a cursor: replays what followed it, then goes live, with nothing lost or repeated', async () => {
    const before: RecordedEvent[] = [];
    for (let i = 0; i < 5; i++) before.push(await publish(alice));
    await eventually(
      () => hub.position,
      (position) => position === before[4]!.position,
    );
    let openGate!: () => void;
    reader.gate = new Promise((resolve) => (openGate = resolve));
    const { outbox } = connect(alice, before[1]!.position);
    // Written while the replay waits for its first page: held back, then sent once after the replay.
    const during = [await publish(alice), await publish(alice)];
    await eventually(
      () => hub.position,
      (position) => position === during[1]!.position,
    );
    expect(outbox.sent).toEqual([]);
    openGate();
    const after = await publish(alice);
    await until(outbox, 6);
    expect(ids(outbox)).toEqual([...before.slice(2), ...during, after].map((event) => event.id));
  });

  it('resumes from the start of the feed with a null cursor', async () => {
    const before = [await publish(alice), await publish(bob), await publish(alice)];
    await eventually(
      () => hub.position,
      (position) => position === before[2]!.position,
    );
    const { outbox } = connect(alice, null);
    await until(outbox, 2);
    expect(ids(outbox)).toEqual([before[0]!.id, before[2]!.id]);
  });

  it('follows only the channels subscribed to; none is the whole feed', async () => {
    const fileId = randomUUID();
    const all = connect(alice);
    const one = connect(alice);
    one.connection.subscribe({ channel: 'file', resourceId: fileId });
    await publish(alice);
    const ofFile = await publish(alice, { fileId });
    await until(all.outbox, 2);
    await until(one.outbox, 1);
    expect(ids(one.outbox)).toEqual([ofFile.id]);
  });

  it('closes a connection whose backlog passes the limit, naming the cursor to resume from', async () => {
    const { connection, outbox } = connect(alice);
    outbox.backlogNow = { bytes: 10, messages: 6 };
    const event = await publish(alice);
    await eventually(
      () => outbox.closedWith,
      (reason) => reason !== null,
    );
    expect(outbox.closedWith).toEqual({ code: 'slow_consumer', message: `slow_consumer; resume from c${event.position}` });
    expect(connection.closed).toBe(true);
    expect(hub.connectionCount).toBe(0);
  });

  it('closes a replaying connection when more live items wait than the limit allows', async () => {
    const first = await publish(alice);
    await eventually(
      () => hub.position,
      (position) => position === first.position,
    );
    let openGate!: () => void;
    reader.gate = new Promise((resolve) => (openGate = resolve));
    const { outbox } = connect(alice, null);
    for (let i = 0; i < 6; i++) await publish(alice);
    await eventually(
      () => outbox.closedWith,
      (reason) => reason !== null,
    );
    openGate();
    expect(outbox.closedWith?.code).toBe('slow_consumer');
    expect(outbox.sent).toEqual([]);
  });

  it('replays, then releases what it held back, at the pace the transport drains, never closing the client as too slow', async () => {
    const before: RecordedEvent[] = [];
    for (let i = 0; i < 12; i++) before.push(await publish(alice));
    await eventually(
      () => hub.position,
      (position) => position === before[11]!.position,
    );
    let openGate!: () => void;
    reader.gate = new Promise((resolve) => (openGate = resolve));
    const outbox = new DrainingOutbox();
    connect(alice, null, outbox);
    const during: RecordedEvent[] = [];
    for (let i = 0; i < 4; i++) during.push(await publish(alice));
    await eventually(
      () => hub.position,
      (position) => position === during[3]!.position,
    );
    openGate();
    const expected = [...before, ...during].map((event) => event.id);
    while (outbox.sent.length < expected.length) {
      await eventually(
        () => outbox.waiting > 0 || outbox.sent.length === expected.length,
        (ready) => ready,
      );
      outbox.drain();
    }
    expect(ids(outbox)).toEqual(expected);
    expect(outbox.closedWith).toBeNull();
    expect(outbox.largestBacklog).toBe(3);
  });

  it('sends heartbeats to every connection from its one timer', async () => {
    await hub.close();
    hub = new RealtimeHub(store, horizon, audience, reader, items, silentLogger(), {
      ...DEFAULT_HUB_OPTIONS,
      heartbeatIntervalMs: 10,
      sendLimits: { maxBytes: 1024, maxMessages: 5 },
    });
    await hub.start();
    const tabs = [connect(alice), connect(bob)];
    for (const { outbox } of tabs)
      await eventually(
        () => outbox.heartbeats,
        (count) => count >= 2,
      );
  });

  it('closes every connection when it closes', async () => {
    const { outbox } = connect(alice);
    await hub.close();
    expect(outbox.closedWith?.code).toBe('shutdown');
  });
});
