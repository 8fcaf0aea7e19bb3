import type { ConsumerConfig, Producer, RetryOptions } from 'kafkajs';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import type { Logger } from '../../ports/logger';
import type { ConsumedMessage, ConsumeOptions, Consumer, MessageLog, OutgoingMessage } from '../../ports/messageLog';
import type { BackoffOptions } from './handleUntilSuccess';
import { DEFAULT_HANDLER_BACKOFF } from './handleUntilSuccess';
import { KafkaGroupConsumer } from './kafkaGroupConsumer';
import { kafkaLogCreator } from './kafkaLogCreator';
import { toKafkaMessage } from './kafkaMessageCodec';
import { KafkaTopics } from './kafkaTopics';

export interface KafkaMessageLogOptions {
  brokers: string[];
  logger: Logger;
  clientId?: string;
  /** Partitions of the topics this log creates. Default 4. */
  partitions?: number;
  /** Default 1 (a single broker); use 3 in a real cluster. */
  replicationFactor?: number;
  /** Backoff between attempts of a failing handler. */
  backoff?: BackoffOptions;
  /** Which kafkajs log lines reach the logger. Default INFO. */
  kafkaLogLevel?: logLevel;
  /** kafkajs's retry policy for requests (and, for consumers, before a crash). */
  retry?: RetryOptions;
  /**
   * Asked after a consumer crash on a retriable error; false stops the consumer for good and calls onCrash.
   * By default kafkajs restarts on every retriable error.
   */
  restartOnFailure?: (error: Error) => Promise<boolean>;
  consumer?: Pick<ConsumerConfig, 'sessionTimeout' | 'heartbeatInterval' | 'rebalanceTimeout' | 'maxWaitTimeInMs'>;
  /** Partitions one consumer handles at the same time (each still one message at a time). Default 4. */
  partitionsConsumedConcurrently?: number;
}

/** The distributed profile's message log on Kafka, through kafkajs 2.2.4 (see DESIGN §9). */
export class KafkaMessageLog implements MessageLog {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private producerConnected: Promise<void> | undefined;
  private readonly topics: KafkaTopics;
  private readonly consumers = new Set<KafkaGroupConsumer>();
  private readonly logger: Logger;

  constructor(private readonly options: KafkaMessageLogOptions) {
    this.logger = options.logger.child({ component: 'kafkaMessageLog' });
    this.kafka = new Kafka({
      clientId: options.clientId ?? 'filora',
      brokers: options.brokers,
      logLevel: options.kafkaLogLevel ?? logLevel.INFO,
      logCreator: kafkaLogCreator(this.logger),
      ...(options.retry ? { retry: options.retry } : {}),
    });
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.topics = new KafkaTopics(
      this.kafka.admin(),
      { partitions: options.partitions ?? 4, replicationFactor: options.replicationFactor ?? 1 },
      this.logger,
    );
  }

  async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.topics.ensure([topic]);
    await this.connectProducer();
    await this.producer.send({ topic, messages: messages.map(toKafkaMessage) });
  }

  async consume(
    group: string,
    topics: readonly string[],
    handler: (message: ConsumedMessage) => Promise<void>,
    options: ConsumeOptions = {},
  ): Promise<Consumer> {
    await this.topics.ensure(topics);
    const fromBeginning = options.fromBeginning ?? true;
    if (!fromBeginning) await this.topics.startNewGroupAtEnd(group, topics);
    const { retry, restartOnFailure } = this.options;
    const kafkaConsumer = this.kafka.consumer({
      groupId: group,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: 1000,
      ...this.options.consumer,
      ...(retry || restartOnFailure ? { retry: { ...retry, ...(restartOnFailure ? { restartOnFailure } : {}) } } : {}),
    });
    const consumer: KafkaGroupConsumer = new KafkaGroupConsumer(kafkaConsumer, handler, {
      logger: this.logger.child({ group }),
      backoff: this.options.backoff ?? DEFAULT_HANDLER_BACKOFF,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 4,
      onCrash: options.onCrash,
      onStopped: () => this.consumers.delete(consumer),
    });
    this.consumers.add(consumer);
    await consumer.start(topics, fromBeginning);
    return consumer;
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
    if (this.producerConnected) await this.producer.disconnect();
    this.producerConnected = undefined;
    await this.topics.close();
  }

  private connectProducer(): Promise<void> {
    if (!this.producerConnected) {
      this.producerConnected = this.producer.connect();
      this.producerConnected.catch(() => (this.producerConnected = undefined));
    }
    return this.producerConnected;
  }
}
