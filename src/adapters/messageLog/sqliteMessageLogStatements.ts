import type Database from 'better-sqlite3';
import type { OutgoingMessage } from '../../ports/messageLog';
import { partitionForKey } from './partitionForKey';

export interface StoredMessageRow {
  offset: number;
  key: string;
  value: Buffer;
  headers: string;
  timestamp: number;
}

export interface GroupPartition {
  group: string;
  topic: string;
  partition: number;
}

type Params = unknown[];

/**
 * The SQL of the durable log, prepared once. Methods marked "writer" must run inside `SqliteDatabase.write`;
 * `fetch` reads committed data through the reader connection.
 */
export class SqliteMessageLogStatements {
  private readonly insertTopic: Database.Statement<Params>;
  private readonly selectPartitions: Database.Statement<Params, number>;
  private readonly insertPartition: Database.Statement<Params>;
  private readonly selectNextOffset: Database.Statement<Params, number>;
  private readonly updateNextOffset: Database.Statement<Params>;
  private readonly insertMessage: Database.Statement<Params>;
  private readonly insertCommittedStart: Database.Statement<Params>;
  private readonly upsertLease: Database.Statement<Params>;
  private readonly extendLease: Database.Statement<Params>;
  private readonly selectCommitted: Database.Statement<Params, number>;
  private readonly upsertCommitted: Database.Statement<Params>;
  private readonly deleteLeases: Database.Statement<Params>;
  private readonly deleteConsumed: Database.Statement<Params>;
  private readonly selectMessages: Database.Statement<Params, StoredMessageRow>;

  constructor(writer: Database.Database, reader: Database.Database) {
    this.insertTopic = writer.prepare('INSERT OR IGNORE INTO message_log_topics (topic, partitions) VALUES (?, ?)');
    this.selectPartitions = writer.prepare<Params, number>('SELECT partitions FROM message_log_topics WHERE topic = ?').pluck();
    this.insertPartition = writer.prepare('INSERT OR IGNORE INTO message_log_partitions (topic, partition, next_offset) VALUES (?, ?, 0)');
    this.selectNextOffset = writer
      .prepare<Params, number>('SELECT next_offset FROM message_log_partitions WHERE topic = ? AND partition = ?')
      .pluck();
    this.updateNextOffset = writer.prepare('UPDATE message_log_partitions SET next_offset = ? WHERE topic = ? AND partition = ?');
    this.insertMessage = writer.prepare(
      'INSERT INTO message_log_messages (topic, partition, offset, key, value, headers, timestamp) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertCommittedStart = writer.prepare(
      `INSERT OR IGNORE INTO message_log_committed (group_id, topic, partition, next_offset)
       SELECT ?, topic, partition, CASE WHEN ? THEN 0 ELSE next_offset END FROM message_log_partitions WHERE topic = ?`,
    );
    // Taken when free, expired, or already ours; `changes` tells whether we hold it afterwards.
    this.upsertLease = writer.prepare(
      `INSERT INTO message_log_leases (group_id, topic, partition, owner, expires_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (group_id, topic, partition) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
       WHERE message_log_leases.owner = excluded.owner OR message_log_leases.expires_at <= ?`,
    );
    this.extendLease = writer.prepare(
      'UPDATE message_log_leases SET expires_at = ? WHERE group_id = ? AND topic = ? AND partition = ? AND owner = ?',
    );
    this.selectCommitted = writer
      .prepare<Params, number>('SELECT next_offset FROM message_log_committed WHERE group_id = ? AND topic = ? AND partition = ?')
      .pluck();
    this.upsertCommitted = writer.prepare(
      `INSERT INTO message_log_committed (group_id, topic, partition, next_offset) VALUES (?, ?, ?, ?)
       ON CONFLICT (group_id, topic, partition) DO UPDATE SET next_offset = excluded.next_offset`,
    );
    this.deleteLeases = writer.prepare('DELETE FROM message_log_leases WHERE owner = ?');
    this.deleteConsumed = writer.prepare(
      `DELETE FROM message_log_messages
       WHERE timestamp < ? AND offset < (
         SELECT MIN(c.next_offset) FROM message_log_committed c
         WHERE c.topic = message_log_messages.topic AND c.partition = message_log_messages.partition)`,
    );
    this.selectMessages = reader.prepare<Params, StoredMessageRow>(
      `SELECT offset, key, value, headers, timestamp FROM message_log_messages
       WHERE topic = ? AND partition = ? AND offset >= ? ORDER BY offset LIMIT ?`,
    );
  }

  /** Writer. A topic keeps the partition count it was first used with, so a key never changes partition. */
  ensureTopic(topic: string, defaultPartitions: number): number {
    if (this.insertTopic.run(topic, defaultPartitions).changes === 1) {
      for (let partition = 0; partition < defaultPartitions; partition++) this.insertPartition.run(topic, partition);
    }
    const partitions = this.selectPartitions.get(topic);
    if (partitions === undefined) throw new Error(`message log topic ${topic} vanished`);
    return partitions;
  }

  /** Writer. Appends in call order; each partition's offsets continue from its high-water mark. */
  append(topic: string, partitions: number, messages: readonly OutgoingMessage[], timestamp: number): Set<number> {
    const nextOffsets = new Map<number, number>();
    for (const message of messages) {
      const partition = partitionForKey(message.key, partitions);
      const offset = nextOffsets.get(partition) ?? this.selectNextOffset.get(topic, partition) ?? 0;
      this.insertMessage.run(topic, partition, offset, message.key, message.value, JSON.stringify(message.headers ?? {}), timestamp);
      nextOffsets.set(partition, offset + 1);
    }
    for (const [partition, next] of nextOffsets) this.updateNextOffset.run(next, topic, partition);
    return new Set(nextOffsets.keys());
  }

  /**
   * Writer. Gives a group that is new to the topic its starting offsets: the beginning, or after what is already
   * there. Recording them at once also makes pruning wait for a group that has not succeeded on anything yet.
   */
  joinGroup(group: string, topic: string, fromBeginning: boolean): void {
    this.insertCommittedStart.run(group, fromBeginning ? 1 : 0, topic);
  }

  /** Writer. Returns the group's committed offset if the lease is ours now, undefined if another owner holds it. */
  acquireLease(at: GroupPartition, owner: string, now: number, ttlMs: number): number | undefined {
    const taken = this.upsertLease.run(at.group, at.topic, at.partition, owner, now + ttlMs, now).changes === 1;
    if (!taken) return undefined;
    return this.selectCommitted.get(at.group, at.topic, at.partition) ?? 0;
  }

  /** Writer. False if the lease was lost to another owner (it expired and was taken). */
  renewLease(at: GroupPartition, owner: string, now: number, ttlMs: number): boolean {
    return this.extendLease.run(now + ttlMs, at.group, at.topic, at.partition, owner).changes === 1;
  }

  /** Writer. Commits only while the lease is ours, and renews it; false if it was lost. */
  commit(at: GroupPartition, owner: string, nextOffset: number, now: number, ttlMs: number): boolean {
    if (!this.renewLease(at, owner, now, ttlMs)) return false;
    this.upsertCommitted.run(at.group, at.topic, at.partition, nextOffset);
    return true;
  }

  /** Writer. */
  releaseLeases(owner: string): void {
    this.deleteLeases.run(owner);
  }

  /** Writer. Deletes messages older than the cut-off that every group with offsets on their partition has passed. */
  pruneConsumed(olderThan: number): number {
    return this.deleteConsumed.run(olderThan).changes;
  }

  fetch(topic: string, partition: number, fromOffset: number, limit: number): StoredMessageRow[] {
    return this.selectMessages.all(topic, partition, fromOffset, limit);
  }
}
