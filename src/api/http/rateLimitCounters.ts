import type { Document, ReadStore } from '../../ports/readStore';

/** Request counts per caller and fixed window; windows start on wall-clock minutes so every replica agrees. */
export interface RateLimitCounters {
  /** Counts one more request of `key` in the window starting at `windowStart` (ms); resolves to the count so far, this one included. */
  increment(key: string, windowStart: number, windowMs: number): Promise<number>;
  close(): void;
}

const SWEEP_MS = 60_000;

/** Counters of this process alone: the embedded profile, where one process serves every request. */
export class LocalRateLimitCounters implements RateLimitCounters {
  private readonly counts = new Map<string, { count: number; expiresAt: number }>();
  private readonly sweeper = setInterval(() => this.sweep(), SWEEP_MS).unref();

  constructor(private readonly now: () => number = Date.now) {}

  increment(key: string, windowStart: number, windowMs: number): Promise<number> {
    const id = `${key}@${windowStart}`;
    const entry = this.counts.get(id) ?? { count: 0, expiresAt: windowStart + windowMs };
    entry.count++;
    this.counts.set(id, entry);
    return Promise.resolve(entry.count);
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, entry] of this.counts) if (entry.expiresAt <= now) this.counts.delete(id);
  }
}

const COLLECTION = 'rate_limit_windows';
const SWEEP_BATCH = 500;

interface WindowDocument extends Document {
  count: number;
  expires_at: number;
}

/**
 * Counters shared by every API replica through the read store (MongoDB in the distributed profile): one
 * document per caller and window, incremented atomically; expired windows are swept every minute.
 */
export class SharedRateLimitCounters implements RateLimitCounters {
  private readonly sweeper = setInterval(() => void this.sweep().catch(() => undefined), SWEEP_MS).unref();

  constructor(
    private readonly store: ReadStore,
    private readonly now: () => number = Date.now,
  ) {}

  async increment(key: string, windowStart: number, windowMs: number): Promise<number> {
    const id = `${key}@${windowStart}`;
    await this.store.patch(COLLECTION, id, { $inc: { count: 1 }, $set: { expires_at: windowStart + windowMs } }, { upsert: true });
    // Read back after the increment: a concurrent increment in between only makes the answer stricter.
    return (await this.store.get<WindowDocument>(COLLECTION, id))?.count ?? 1;
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  /** Deletes expired windows, a bounded batch at a time. */
  async sweep(): Promise<number> {
    const expired = await this.store.find<WindowDocument>(COLLECTION, { expires_at: { $lte: this.now() } }, { limit: SWEEP_BATCH });
    for (const window of expired) await this.store.delete(COLLECTION, window._id);
    return expired.length;
  }
}
