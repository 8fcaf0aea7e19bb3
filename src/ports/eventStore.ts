/**
 * The event store port. Revisions follow EventStoreDB: 0-based per stream.
 * Positions are opaque strings whose lexicographic order is the global append order.
 */
export type Position = string;

/**
 * The shapes adapters emit: zero-padded 20-digit numbers, one (a sequence) or two joined by `/` (EventStoreDB
 * commit/prepare). Lets the API tell a malformed position from one not written yet without asking an adapter.
 */
export const POSITION_SHAPE = /^\d{20}(?:\/\d{20})?$/;

export const isPosition = (value: string): value is Position => POSITION_SHAPE.test(value);

export type ExpectedRevision = bigint | 'no_stream' | 'any' | 'stream_exists';

export interface EventMetadata {
  actor?: string;
  tokenId?: string;
  requestId?: string;
  correlationId?: string;
  causationId?: string;
  ip?: string;
  /** The incoming webhook whose call made this change, acting for its owner (`actor`). */
  incomingWebhookId?: string;
  /** The OAuth app (client id) whose access token made this change, acting for the user who granted it (`actor`). */
  oauthClientId?: string;
  /** The hash of the stream's previous event (GENESIS_HASH for its first): see src/domain/audit/eventHash.ts. */
  prevHash?: string;
  /** SHA-256 of prevHash, this event's type, data and other metadata: each stream is a hash chain. */
  hash?: string;
}

export interface EventToAppend {
  /** uuid; appending an id that the stream already holds is a no-op. */
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

export interface RecordedEvent {
  streamId: string;
  revision: bigint;
  position: Position;
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  createdAt: Date;
}

export interface AppendResult {
  /** Revision of the last event of the stream after the append. */
  nextExpectedRevision: bigint;
  /** Position of the last event written (or already stored, for an idempotent retry). */
  position: Position;
}

export interface ReadAllOptions {
  /** Exclusive lower bound; null reads from the beginning. */
  after: Position | null;
  limit: number;
  /** Only these event types, when given. */
  types?: readonly string[];
}

export interface Subscription {
  close(): Promise<void>;
}

export interface SubscribeOptions {
  /** Called when the subscription stops on an error it cannot recover from. */
  onError?: (error: Error) => void;
}

export interface EventStore {
  append(stream: string, events: readonly EventToAppend[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult>;
  /** Events of one stream in revision order; [] for a stream that does not exist. */
  readStream(stream: string, options?: { from?: bigint; limit?: number }): Promise<RecordedEvent[]>;
  /** Events of every stream in position order. */
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Calls handler for every event after `after`, in order, then for each new one as it is appended. */
  subscribe(after: Position | null, handler: (event: RecordedEvent) => Promise<void> | void, options?: SubscribeOptions): Subscription;
  /** Position of the newest event, or null when the store is empty. */
  headPosition(): Promise<Position | null>;
  close(): Promise<void>;
}
