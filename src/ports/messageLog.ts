/** The message-log port: Kafka in production, durable SQLite tables when embedded. */
export interface OutgoingMessage {
  /** Messages with one key keep their order. */
  key: string;
  value: Buffer;
  headers?: Record<string, string>;
}

export interface ConsumedMessage {
  topic: string;
  partition: number;
  /** Opaque, ordered within a partition. */
  offset: string;
  key: string;
  value: Buffer;
  headers: Record<string, string>;
  timestamp: Date;
}

export interface Consumer {
  /** Stops fetching, lets the message in hand finish, and commits what succeeded. */
  stop(): Promise<void>;
}

export interface ConsumeOptions {
  /** Where a group with no committed offset starts. Default: earliest. */
  fromBeginning?: boolean;
  /** Called when the consumer stops for good on an error it cannot recover from. */
  onCrash?: (error: Error) => void;
}

export interface MessageLog {
  publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  /**
   * At-least-once: a message's offset is committed only after handler resolves. A handler that
   * throws is retried with backoff; later messages of the same key wait behind it.
   */
  consume(
    group: string,
    topics: readonly string[],
    handler: (message: ConsumedMessage) => Promise<void>,
    options?: ConsumeOptions,
  ): Promise<Consumer>;
  close(): Promise<void>;
}
