import { MIB } from './measure';

const UNITS: Record<string, number> = { '': 1, k: 1024, m: MIB, g: 1024 * MIB };

/** A byte count from the environment: a plain number of bytes, or with a binary suffix (`64MiB`, `1G`). */
function bytesFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const match = /^(\d+)\s*([kmg]?)(?:i?b)?$/i.exec(raw.trim());
  if (!match) throw new Error(`${name}: expected a byte count such as 268435456 or 256MiB, got "${raw}"`);
  return Number(match[1]) * UNITS[match[2]!.toLowerCase()]!;
}

function countFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name}: expected a positive integer, got "${raw}"`);
  return value;
}

/** Every size knob of the benchmarks; the defaults keep a full run within a few minutes on 2 cores. */
export const settings = {
  /** Bytes written, uploaded, read and downloaded by the throughput benchmark. */
  throughputBytes: bytesFromEnv('FILORA_BENCH_BYTES', 256 * MIB),
  /** Bytes of the upload during which the server's memory is watched. */
  largeUploadBytes: bytesFromEnv('FILORA_BENCH_LARGE_BYTES', 1024 * MIB),
  /** The server's RSS may grow by less than this during the large upload. */
  rssGrowthLimitBytes: bytesFromEnv('FILORA_BENCH_RSS_LIMIT', 100 * MIB),
  /** Times each measurement is repeated; the median is reported. */
  repeats: countFromEnv('FILORA_BENCH_REPEATS', 3),
  /** Single-event appends, each to its own stream. */
  appendCount: countFromEnv('FILORA_BENCH_EVENTS', 5000),
  /** Events read back page by page. */
  readCount: countFromEnv('FILORA_BENCH_READ_EVENTS', 100000),
  /** Downloads recorded for the popular file before its renames are timed. */
  downloadCount: countFromEnv('FILORA_BENCH_DOWNLOADS', 100000),
  /** Timed renames of each file. */
  renameCount: countFromEnv('FILORA_BENCH_RENAMES', 40),
  /** Appends per workload of the event-store peer comparison (the hot stream takes half). */
  peerAppendCount: countFromEnv('FILORA_BENCH_PEER_APPENDS', 1000),
  /** Longest a hot-stream run may take, in seconds. */
  peerHotSeconds: countFromEnv('FILORA_BENCH_PEER_HOT_SECONDS', 5),
  /** Events of the generated history whose read models are rebuilt (a tenth and three tenths of it too, for the growth curve). */
  rebuildEvents: countFromEnv('FILORA_BENCH_REBUILD_EVENTS', 1000000),
  /** Webhook deliveries timed by the throughput benchmark (and raw POSTs of its baseline). */
  webhookDeliveries: countFromEnv('FILORA_BENCH_WEBHOOK_DELIVERIES', 2000),
};
