import type { Admin } from 'kafkajs';
import type { Logger } from '../../ports/logger';

export interface KafkaTopicSettings {
  partitions: number;
  replicationFactor: number;
}

/** Creates topics on first use and places new consumer groups, through one lazily connected admin client. */
export class KafkaTopics {
  private readonly created = new Map<string, Promise<void>>();
  private connected: Promise<void> | undefined;

  constructor(
    private readonly admin: Admin,
    private readonly settings: KafkaTopicSettings,
    private readonly logger: Logger,
  ) {}

  async ensure(topics: readonly string[]): Promise<void> {
    await Promise.all(topics.map((topic) => this.ensureOne(topic)));
  }

  /**
   * Commits the current end offsets for the partitions on which the group has no offset yet, so that a group
   * starting with fromBeginning: false sees exactly what is published after this call. (Left to kafkajs, "latest"
   * would be resolved at the group's first fetch, and messages published in between would be skipped.)
   */
  async startNewGroupAtEnd(group: string, topics: readonly string[]): Promise<void> {
    await this.connect();
    const committed = await this.admin.fetchOffsets({ groupId: group, topics: [...topics] });
    for (const { topic, partitions } of committed) {
      const unset = new Set(partitions.filter((p) => BigInt(p.offset) < 0n).map((p) => p.partition));
      if (unset.size === 0) continue;
      const ends = await this.admin.fetchTopicOffsets(topic);
      const seeks = ends.filter((end) => unset.has(end.partition)).map((end) => ({ partition: end.partition, offset: end.high }));
      try {
        await this.admin.setOffsets({ groupId: group, topic, partitions: seeks });
      } catch (error) {
        // Another member of the group started first; the group's own offsets then decide.
        this.logger.warn('could not place a new consumer group at the end of a topic', { group, topic, error });
      }
    }
  }

  async close(): Promise<void> {
    if (this.connected) await this.admin.disconnect();
    this.connected = undefined;
  }

  private ensureOne(topic: string): Promise<void> {
    let creation = this.created.get(topic);
    if (!creation) {
      creation = this.create(topic);
      this.created.set(topic, creation);
      creation.catch(() => this.created.delete(topic));
    }
    return creation;
  }

  private async create(topic: string): Promise<void> {
    await this.connect();
    const { partitions: numPartitions, replicationFactor } = this.settings;
    const created = await this.admin.createTopics({ topics: [{ topic, numPartitions, replicationFactor }], waitForLeaders: true });
    if (created) this.logger.info('kafka topic created', { topic, partitions: numPartitions, replicationFactor });
  }

  private connect(): Promise<void> {
    if (!this.connected) {
      this.connected = this.admin.connect();
      this.connected.catch(() => (this.connected = undefined));
    }
    return this.connected;
  }
}
