/**
 * The durable log inside the embedded profile's SQLite file. Offsets are 0-based per (topic, partition) and come
 * from message_log_partitions.next_offset, not from MAX(offset), so pruning old messages never lets an offset be
 * reused. A committed offset is the next offset the group will read, as in Kafka.
 */
export const SQLITE_MESSAGE_LOG_SCHEMA = `
CREATE TABLE IF NOT EXISTS message_log_topics (
  topic TEXT PRIMARY KEY,
  partitions INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS message_log_partitions (
  topic TEXT NOT NULL,
  partition INTEGER NOT NULL,
  next_offset INTEGER NOT NULL,
  PRIMARY KEY (topic, partition)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS message_log_messages (
  topic TEXT NOT NULL,
  partition INTEGER NOT NULL,
  offset INTEGER NOT NULL,
  key TEXT NOT NULL,
  value BLOB NOT NULL,
  headers TEXT NOT NULL,
  timestamp INTEGER NOT NULL,
  PRIMARY KEY (topic, partition, offset)
);

CREATE TABLE IF NOT EXISTS message_log_committed (
  group_id TEXT NOT NULL,
  topic TEXT NOT NULL,
  partition INTEGER NOT NULL,
  next_offset INTEGER NOT NULL,
  PRIMARY KEY (group_id, topic, partition)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS message_log_leases (
  group_id TEXT NOT NULL,
  topic TEXT NOT NULL,
  partition INTEGER NOT NULL,
  owner TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (group_id, topic, partition)
) WITHOUT ROWID;
`;
