import type { Consumer as KafkaConsumer, ConsumerCrashEvent, EachMessagePayload } from 'kafkajs';
import type { Logger } from '../../ports/logger';
import type { ConsumedMessage, Consumer } from '../../ports/messageLog';
import { AsyncMutex } from '../../shared/asyncMutex';
import type { BackoffOptions } from './handleUntilSuccess';
import { handleUntilSuccess } from './handleUntilSuccess';
import { fromKafkaMessage, nextOffset } from './kafkaMessageCodec';

export interface KafkaGroupConsumerSettings {
  logger: Logger;
  backoff: BackoffOptions;
  partitionsConsumedConcurrently: number;
  onCrash?: (error: Error) => void;
  onStopped: () => void;
}

const STOPPING = 'stopping';
const CRASHED = 'crashed';

/**
 * One consume() call on Kafka. Offsets are committed by hand, one message at a time, after the handler succeeded;
 * a failing handler is retried in place (heartbeating meanwhile), so nothing is skipped.
 *
 * Each run of the underlying kafkajs consumer is a "generation" with its own abort signal. A crash aborts it: the
 * old deliveries stop retrying and do not commit, and kafkajs either restarts (a new generation re-reads from the
 * committed offsets) or, when it gives up, onCrash tells the supervisor. A lock per partition keeps a restarted
 * generation from handling a partition while a delivery of the old one is still in the handler.
 */
export class KafkaGroupConsumer implements Consumer {
  private generation = new AbortController();
  private stopping: Promise<void> | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly partitionLocks = new Map<string, AsyncMutex>();

  constructor(
    private readonly consumer: KafkaConsumer,
    private readonly handler: (message: ConsumedMessage) => Promise<void>,
    private readonly settings: KafkaGroupConsumerSettings,
  ) {
    consumer.on(consumer.events.CRASH, (event: ConsumerCrashEvent) => this.crashed(event.payload.error, event.payload.restart));
  }

  async start(topics: readonly string[], fromBeginning: boolean): Promise<void> {
    try {
      await this.consumer.connect();
      await this.consumer.subscribe({ topics: [...topics], fromBeginning });
      await this.consumer.run({
        autoCommit: false,
        partitionsConsumedConcurrently: this.settings.partitionsConsumedConcurrently,
        eachMessage: (payload) => this.track(this.deliver(payload)),
      });
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  private async shutdown(): Promise<void> {
    this.generation.abort(STOPPING);
    try {
      // The message in hand finishes and commits while the kafkajs consumer still runs.
      await Promise.allSettled([...this.inFlight]);
      await this.consumer.disconnect();
    } catch (error) {
      this.settings.logger.warn('kafka consumer did not disconnect cleanly', { error });
    } finally {
      this.settings.onStopped();
    }
  }

  private async deliver({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    const signal = this.generation.signal;
    await this.lockFor(topic, partition).run(async () => {
      if (signal.aborted) return; // uncommitted: the partition's next owner reads it again
      const consumed = fromKafkaMessage(topic, partition, message);
      const { logger, backoff } = this.settings;
      const handled = await handleUntilSuccess(this.handler, consumed, { backoff, signal, logger, keepAlive: heartbeat });
      if (!handled || signal.reason === CRASHED) return;
      await this.consumer.commitOffsets([{ topic, partition, offset: nextOffset(message.offset) }]);
    });
  }

  private crashed(error: Error, restart: boolean): void {
    this.generation.abort(CRASHED);
    if (this.stopping) return;
    if (restart) {
      this.settings.logger.warn('kafka consumer crashed, kafkajs restarts it', { error });
      this.generation = new AbortController();
      return;
    }
    this.settings.logger.error('kafka consumer crashed and will not restart', { error });
    this.settings.onCrash?.(error);
  }

  private track(work: Promise<void>): Promise<void> {
    this.inFlight.add(work);
    const done = (): void => void this.inFlight.delete(work);
    work.then(done, done);
    return work;
  }

  private lockFor(topic: string, partition: number): AsyncMutex {
    const id = `${topic}\u0000${partition}`;
    let lock = this.partitionLocks.get(id);
    if (!lock) this.partitionLocks.set(id, (lock = new AsyncMutex()));
    return lock;
  }
}
