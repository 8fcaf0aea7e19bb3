import type { HeldCredential } from '../api/auth/credentialCheck';
import type { Actor } from '../domain/access/accessPolicy';
import type { Position } from '../ports/eventStore';
import type { FeedItem } from '../sync/feedTypes';
import type { ChannelSubscription } from './channels';
import { matchesAnyChannel } from './channels';

/** Why the server ends a connection; each transport says it in its own way (a ws close code, an error event). */
export type CloseCode = 'unauthorized' | 'slow_consumer' | 'reset' | 'server_error' | 'shutdown';

export interface CloseReason {
  code: CloseCode;
  /** Shown to the client; `slow_consumer; resume from <cursor>` names where to resume. */
  message: string;
}

/** What a connection has handed to its transport and the network has not taken yet. */
export interface Backlog {
  bytes: number;
  messages: number;
}

/** The transport's side of a connection: a ws socket, a Socket.IO socket, or an SSE response. */
export interface Outbox {
  send(item: FeedItem): void;
  backlog(): Backlog;
  /** Resolves once the backlog has been written out (at once when it is empty). */
  whenDrained(): Promise<void>;
  /** Called by the hub's one timer every heartbeat interval: ping (and end a peer that did not answer the last), or a comment. */
  heartbeat(): void;
  close(reason: CloseReason): void;
}

/** Most a connection may have waiting before it counts as too slow: bytes handed to the transport, or messages. */
export interface SendLimits {
  maxBytes: number;
  maxMessages: number;
}

export const DEFAULT_SEND_LIMITS: SendLimits = { maxBytes: 1024 * 1024, maxMessages: 1000 };

/** Who is connected, and the credential to check again while they stay. */
export interface ConnectionIdentity {
  actor: Actor;
  credential: HeldCredential;
  /** The client's address, for a token's allowlist. */
  ip: string | undefined;
}

interface Pending {
  position: Position;
  item: FeedItem;
}

/**
 * One client of the hub, whatever its transport. Sends a feed item only past the last position it has
 * sent (so a replay and the live stream never repeat one), only on the channels it subscribed to (all of
 * its feed when it subscribed to none, or to `sync`), and while it replays, holds the live items back
 * until the replay has caught up. A client whose backlog passes the limits with live items, or that has
 * more live items held back than the limit allows, is closed as too slow, with the cursor to resume from.
 * A replay and the release of the held items wait for the transport instead: the hub paces them.
 */
export class Connection {
  /** The last position sent, or resumed from: only later ones go out. */
  private position: Position | null = null;
  /** Live items held back while a replay runs; null when live. */
  private held: Pending[] | null = null;
  private subscriptions: readonly ChannelSubscription[] = [];
  private closedWith: CloseReason | null = null;
  /** Counts resumes, so that a replay superseded by a newer resume stops. */
  private replayGeneration = 0;

  constructor(
    readonly identity: ConnectionIdentity,
    private readonly outbox: Outbox,
    private readonly limits: SendLimits,
    private readonly cursorOf: (position: Position) => string,
    private readonly onClose: (connection: Connection) => void,
  ) {}

  get userId(): string {
    return this.identity.actor.userId;
  }

  get closed(): boolean {
    return this.closedWith !== null;
  }

  /** The cursor of the last position sent or resumed from (null before any). */
  get cursor(): string | null {
    return this.position === null ? null : this.cursorOf(this.position);
  }

  subscribe(subscription: ChannelSubscription): void {
    if (!this.subscriptions.some((known) => sameChannel(known, subscription))) this.subscriptions = [...this.subscriptions, subscription];
  }

  unsubscribe(subscription: ChannelSubscription): void {
    this.subscriptions = this.subscriptions.filter((known) => !sameChannel(known, subscription));
  }

  /** Starts a replay from `position` (exclusive): live items are held back until `finishReplay`. Answers the replay's generation. */
  startReplay(position: Position | null): number {
    this.position = position;
    this.held = [];
    return ++this.replayGeneration;
  }

  isReplaying(generation: number): boolean {
    return !this.closed && this.replayGeneration === generation;
  }

  /** Goes live from `position` at once, with nothing to replay. */
  goLiveFrom(position: Position | null): void {
    this.replayGeneration++;
    this.position = position;
    this.held = null;
  }

  /**
   * Sends the oldest live item held back during the replay; with none left, goes live. Answers whether
   * it sent one (false: live now, or the replay was superseded or closed).
   */
  releaseHeld(generation: number): boolean {
    if (!this.isReplaying(generation) || this.held === null) return false;
    const next = this.held.shift();
    if (next === undefined) {
      this.held = null;
      return false;
    }
    this.send(next.position, next.item, 'paced');
    return true;
  }

  /** A live item from the hub: held back during a replay, sent otherwise. */
  offerLive(position: Position, item: FeedItem): void {
    if (this.closed) return;
    if (this.held === null) {
      this.send(position, item);
      return;
    }
    this.held.push({ position, item });
    if (this.held.length > this.limits.maxMessages) this.closeAsTooSlow();
  }

  /** An item read by a replay, in position order. The replay paces itself (`shouldPause`), so it never makes the client too slow. */
  offerReplayed(position: Position, item: FeedItem): void {
    this.send(position, item, 'paced');
  }

  /** Whether a replay should wait for the transport to drain before sending more: its backlog is past half the limits. */
  get shouldPause(): boolean {
    const backlog = this.outbox.backlog();
    return backlog.bytes > this.limits.maxBytes / 2 || backlog.messages > this.limits.maxMessages / 2;
  }

  whenDrained(): Promise<void> {
    return this.outbox.whenDrained();
  }

  heartbeat(): void {
    if (!this.closed) this.outbox.heartbeat();
  }

  close(reason: CloseReason): void {
    if (this.closed) return;
    this.closedWith = reason;
    this.held = null;
    this.outbox.close(reason);
    this.onClose(this);
  }

  /** The transport saw the peer go: forget the connection without telling the peer anything. */
  dropped(): void {
    if (this.closed) return;
    this.closedWith = { code: 'shutdown', message: 'the client went away' };
    this.held = null;
    this.onClose(this);
  }

  /** `live` items count against the limits; `paced` ones come from a replay that waits for the transport (`shouldPause`). */
  private send(position: Position, item: FeedItem, pace: 'live' | 'paced' = 'live'): void {
    if (this.closed || (this.position !== null && position <= this.position)) return;
    this.position = position;
    if (!matchesAnyChannel(item, this.subscriptions)) return;
    this.outbox.send(item);
    if (pace === 'paced') return;
    const backlog = this.outbox.backlog();
    if (backlog.bytes > this.limits.maxBytes || backlog.messages > this.limits.maxMessages) this.closeAsTooSlow();
  }

  private closeAsTooSlow(): void {
    this.close({ code: 'slow_consumer', message: `slow_consumer; resume from ${this.cursor ?? ''}`.trimEnd() });
  }
}

const sameChannel = (a: ChannelSubscription, b: ChannelSubscription) => a.channel === b.channel && a.resourceId === b.resourceId;
