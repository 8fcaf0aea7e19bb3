import { AsyncMutex } from './asyncMutex';

interface HeldMutex {
  mutex: AsyncMutex;
  /** Callers holding or waiting for it: the entry goes when the last one is done, so idle keys cost nothing. */
  users: number;
}

/** A FIFO lock per key within one process (e.g. one per stream), for keys without end. */
export class KeyedMutex {
  private readonly held = new Map<string, HeldMutex>();

  async run<R>(key: string, fn: () => Promise<R> | R): Promise<R> {
    const entry = this.held.get(key) ?? { mutex: new AsyncMutex(), users: 0 };
    entry.users++;
    this.held.set(key, entry);
    try {
      return await entry.mutex.run(fn);
    } finally {
      if (--entry.users === 0) this.held.delete(key);
    }
  }

  /** Keys held or waited for now. */
  get size(): number {
    return this.held.size;
  }
}
